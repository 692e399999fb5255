import { updateProductRoute } from "@/lib/catalog/merchant-routes";

export { updateProductRoute as PATCH };
