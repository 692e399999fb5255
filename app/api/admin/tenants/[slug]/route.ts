import { updateTenantRoute } from "@/lib/tenancy/admin-routes";

export { updateTenantRoute as PATCH };
