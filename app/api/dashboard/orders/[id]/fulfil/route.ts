import { fulfilOrderRoute } from "@/lib/catalog/merchant-routes";

export { fulfilOrderRoute as POST };
