import { addDomainRoute } from "@/lib/tenancy/admin-routes";

export { addDomainRoute as POST };
