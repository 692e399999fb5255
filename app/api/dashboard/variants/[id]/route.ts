import { updateVariantRoute } from "@/lib/catalog/merchant-routes";

export { updateVariantRoute as PATCH };
