import { createProductRoute } from "@/lib/catalog/merchant-routes";

export { createProductRoute as POST };
