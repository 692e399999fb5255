import { createVariantRoute } from "@/lib/catalog/merchant-routes";

export { createVariantRoute as POST };
