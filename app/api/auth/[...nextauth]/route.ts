import { handleAuthRequest } from "@/lib/identity/auth-route";
import { externalRoute } from "@/lib/security/guard";

type Context = { params: Promise<{ nextauth?: string[] }> };

// next-auth itself: sign-in, sign-out, CSRF token and session. It cannot sit behind the session
// guard (it makes the session); handleAuthRequest checks the host, the action, the body and CSRF
// before next-auth runs.
const auth = externalRoute<Context>(
  { name: "api.auth", reason: "next-auth; host, action, body and CSRF checked before it runs" },
  handleAuthRequest,
);

export { auth as GET, auth as POST };
