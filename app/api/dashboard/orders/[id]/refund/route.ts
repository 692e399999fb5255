import { refundOrderRoute } from "@/lib/catalog/merchant-routes";

export { refundOrderRoute as POST };
