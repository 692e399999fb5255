import { uploadImageRoute } from "@/lib/catalog/merchant-routes";

export { uploadImageRoute as POST };
