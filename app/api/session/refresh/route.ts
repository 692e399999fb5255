import { handleRefreshRequest } from "@/lib/identity/refresh-route";

export { handleRefreshRequest as POST };
