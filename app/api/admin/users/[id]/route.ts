import { updateUserRoute } from "@/lib/tenancy/admin-routes";

export { updateUserRoute as PATCH };
