import "server-only";
import { cache } from "react";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/identity/current-user";
import type { TenantDto } from "@/lib/tenancy";
import { resolveCartOwner } from "./cart-owner";
import type { addToCartSchema, removeCartLineSchema, setCartLineSchema } from "./cart-schemas";
import { changeCartLine, readCart, removeCartLine, type CartDto } from "./cart-store";

// The cart of whoever is asking: the signed-in shopper's, or the guest's (a cookie is created on
// the first write). What the cart API and the storefront's forms call.

export async function readShopperCart(tenant: TenantDto, user: CurrentUser | null): Promise<CartDto> {
  return readCart(tenant, await resolveCartOwner(user, { create: false }));
}

/**
 * The same, memoised for one render: the store layout (its cart count) and the cart page both
 * ask. Never cached across requests: a cart is one shopper's.
 */
export const readShopperCartForRender = cache(readShopperCart);

export async function addToShopperCart(
  tenant: TenantDto,
  user: CurrentUser | null,
  input: z.output<typeof addToCartSchema>,
): Promise<CartDto> {
  const owner = (await resolveCartOwner(user, { create: true }))!;
  return changeCartLine(tenant, owner, { ...input, mode: "add" });
}

export async function setShopperCartLine(
  tenant: TenantDto,
  user: CurrentUser | null,
  input: z.output<typeof setCartLineSchema>,
): Promise<CartDto> {
  const owner = (await resolveCartOwner(user, { create: true }))!;
  return changeCartLine(tenant, owner, { ...input, mode: "set" });
}

export async function removeFromShopperCart(
  tenant: TenantDto,
  user: CurrentUser | null,
  input: z.output<typeof removeCartLineSchema>,
): Promise<CartDto> {
  const owner = await resolveCartOwner(user, { create: false });
  return owner ? removeCartLine(tenant, owner, input.variantId) : readCart(tenant, null);
}
