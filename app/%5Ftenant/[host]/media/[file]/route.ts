import { serveMedia } from "@/lib/catalog/media-route";

export { serveMedia as GET };
