import { signOutUserRoute } from "@/lib/tenancy/admin-routes";

export { signOutUserRoute as POST };
