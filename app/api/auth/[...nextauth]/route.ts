import { mergeGuestCartFromCookie } from "@/lib/cart/cart-store";
import { externalRoute } from "@/lib/guard/guard";
import { handleAuthRequest } from "@/lib/identity/auth-route";

type Context = { params: Promise<{ nextauth?: string[] }> };

// next-auth itself: sign-in, sign-out and the CSRF token. It cannot sit behind the session guard
// (it makes the session); handleAuthRequest checks the host, the action, the body, CSRF and the
// sign-in limits before next-auth runs. At sign-in the browser's guest cart joins the shopper's.
const auth = externalRoute<Context>(
  { name: "api.auth", reason: "next-auth; host, action, body, CSRF and limits checked before it runs" },
  (request, context) => handleAuthRequest(request, context, { onSignedIn: mergeGuestCartFromCookie }),
);

export { auth as GET, auth as POST };
