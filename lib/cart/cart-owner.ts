import "server-only";
import { cookies } from "next/headers";
import type { CurrentUser } from "@/lib/identity/current-user";
import { createOpaqueToken } from "@/lib/identity/opaque-token";
import { asGuestCartToken, guestCartCookieName, guestCartCookieOptions } from "./cart-cookie";
import type { CartOwner } from "./cart-store";

/**
 * Whose cart this request works on: the signed-in shopper's, or the guest's from the cookie.
 * With `create`, a guest without a cart gets a fresh random token in an HttpOnly cookie (route
 * handlers and actions only: they are where cookies can be set).
 */
export async function resolveCartOwner(
  user: CurrentUser | null,
  options: { create: boolean },
): Promise<CartOwner | null> {
  if (user) return { userId: user.id };
  const jar = await cookies();
  const name = guestCartCookieName();
  const existing = asGuestCartToken(jar.get(name)?.value);
  if (existing) return { guestToken: existing };
  if (!options.create) return null;
  const guestToken = createOpaqueToken();
  jar.set(name, guestToken, guestCartCookieOptions());
  return { guestToken };
}
