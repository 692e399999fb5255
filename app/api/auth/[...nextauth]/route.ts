import { handleAuthRequest } from "@/lib/identity/auth-route";

export { handleAuthRequest as GET, handleAuthRequest as POST };
