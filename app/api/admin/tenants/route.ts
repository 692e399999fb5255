import { createTenantRoute } from "@/lib/tenancy/admin-routes";

export { createTenantRoute as POST };
