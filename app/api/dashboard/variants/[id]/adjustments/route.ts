import { adjustStockRoute } from "@/lib/catalog/merchant-routes";

export { adjustStockRoute as POST };
