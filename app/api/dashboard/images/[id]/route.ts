import { removeImageRoute } from "@/lib/catalog/merchant-routes";

export { removeImageRoute as DELETE };
