import "server-only";
import { DomainError } from "@/lib/security/domain-error";
import { getTenantDb, Prisma, type DbTransaction, type TenantDb } from "@/lib/db";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { GUEST_CART_TTL_MS, readGuestCartToken, USER_CART_TTL_MS } from "./cart-cookie";
import {
  clampQuantity,
  lineTotal,
  MAX_LINES_PER_CART,
  MAX_QUANTITY_PER_LINE,
  mergeQuantities,
  summarize,
} from "./cart-math";

/** Whose cart: a signed-in shopper's, or a guest's identified by the cookie token. */
export type CartOwner = { userId: string } | { guestToken: string };

export type CartLineDto = {
  variantId: string;
  sku: string;
  productSlug: string;
  productTitle: string;
  variantTitle: string;
  image: { path: string; alt: string } | null;
  unitPriceMinor: number;
  quantity: number;
  lineTotalMinor: number;
  stock: number;
  /** Why the line cannot be bought as it is, if it cannot. */
  problem: "unavailable" | "insufficient-stock" | null;
};

export type CartDto = { currency: string; lines: CartLineDto[]; subtotalMinor: number; itemCount: number };

const ownerWhere = (tenantId: string, owner: CartOwner) =>
  "userId" in owner
    ? { tenantId, userId: owner.userId }
    : { tenantId, guestTokenHash: hashOpaqueToken(owner.guestToken) };

/** The tables a cart change touches; a tenant client or one of its transactions. */
type CartDb = Pick<TenantDb, "cart" | "cartItem">;

async function findLiveCart(tenantId: string, owner: CartOwner, tx?: CartDb) {
  const db = tx ?? (await getTenantDb(tenantId));
  const cart = await db.cart.findFirst({ where: ownerWhere(tenantId, owner) });
  if (cart && cart.expiresAt <= new Date()) {
    await db.cart.delete({ where: { id: cart.id } });
    return null;
  }
  return cart;
}

async function getOrCreateCart(tenantId: string, owner: CartOwner, tx?: CartDb) {
  const existing = await findLiveCart(tenantId, owner, tx);
  const db = tx ?? (await getTenantDb(tenantId));
  const expiresAt = new Date(Date.now() + ("userId" in owner ? USER_CART_TTL_MS : GUEST_CART_TTL_MS));
  if (existing) return db.cart.update({ where: { id: existing.id }, data: { expiresAt } });
  return db.cart.create({ data: { ...ownerWhere(tenantId, owner), expiresAt } });
}

const lineSelect = {
  quantity: true,
  variant: {
    select: {
      id: true,
      sku: true,
      title: true,
      priceMinor: true,
      stock: true,
      product: {
        select: {
          slug: true,
          title: true,
          status: true,
          images: { select: { path: true, alt: true }, orderBy: { position: "asc" as const }, take: 1 },
        },
      },
    },
  },
} as const;

/** The cart as a shopper sees it, with today's prices and stock. */
export async function readCart(tenant: { id: string; currency: string }, owner: CartOwner | null): Promise<CartDto> {
  const empty: CartDto = { currency: tenant.currency, lines: [], subtotalMinor: 0, itemCount: 0 };
  if (!owner) return empty;
  const cart = await findLiveCart(tenant.id, owner);
  if (!cart) return empty;
  const db = await getTenantDb(tenant.id);
  const items = await db.cartItem.findMany({
    where: { tenantId: tenant.id, cartId: cart.id },
    select: lineSelect,
    orderBy: { createdAt: "asc" },
  });
  const lines: CartLineDto[] = items.map(({ quantity, variant }) => {
    const unavailable = variant.product.status !== "ACTIVE";
    return {
      variantId: variant.id,
      sku: variant.sku,
      productSlug: variant.product.slug,
      productTitle: variant.product.title,
      variantTitle: variant.title,
      image: variant.product.images[0] ?? null,
      unitPriceMinor: variant.priceMinor,
      quantity,
      lineTotalMinor: lineTotal({ unitPriceMinor: variant.priceMinor, quantity }),
      stock: Math.max(0, variant.stock),
      problem: unavailable ? "unavailable" : quantity > variant.stock ? "insufficient-stock" : null,
    };
  });
  return { currency: tenant.currency, lines, ...summarize(lines.filter((line) => !line.problem)) };
}

async function findBuyableVariant(tenantId: string, variantId: string) {
  const db = await getTenantDb(tenantId);
  // Scoped by tenant: another store's variant id is simply not found.
  const variant = await db.variant.findFirst({
    where: { id: variantId, tenantId, product: { status: "ACTIVE" } },
    select: { id: true, stock: true },
  });
  if (!variant) throw new DomainError(404, "That product is not available in this store.");
  return variant;
}

/**
 * Adds to a line ("add") or sets it ("set"); the result is capped by stock and the per-line
 * limit, and 0 removes the line. Asking for something that is out of stock is a 409.
 */
export async function changeCartLine(
  tenant: { id: string; currency: string },
  owner: CartOwner,
  input: { variantId: string; quantity: number; mode: "add" | "set" },
): Promise<CartDto> {
  const variant = await findBuyableVariant(tenant.id, input.variantId);
  const db = await getTenantDb(tenant.id);
  // Read and write the line in one transaction: two adds of the same item at once (a double
  // click, two tabs) must add up, not race to create the same line and fail.
  const change = () =>
    db.$transaction(async (tx) => {
      const cart = await getOrCreateCart(tenant.id, owner, tx);
      const existing = await tx.cartItem.findUnique({
        where: { cartId_variantId: { cartId: cart.id, variantId: variant.id } },
      });
      const wanted = input.mode === "add" ? (existing?.quantity ?? 0) + input.quantity : input.quantity;
      if (wanted > 0 && variant.stock <= 0) throw new DomainError(409, "Sorry, that option is out of stock.");
      const quantity = clampQuantity(wanted, variant.stock);
      if (quantity === 0) {
        await tx.cartItem.deleteMany({ where: { cartId: cart.id, variantId: variant.id } });
      } else if (existing) {
        await tx.cartItem.update({ where: { id: existing.id }, data: { quantity } });
      } else {
        if ((await tx.cartItem.count({ where: { cartId: cart.id } })) >= MAX_LINES_PER_CART) {
          throw new DomainError(409, `A cart holds at most ${MAX_LINES_PER_CART} different items.`);
        }
        await tx.cartItem.create({ data: { tenantId: tenant.id, cartId: cart.id, variantId: variant.id, quantity } });
      }
    });
  try {
    await change();
  } catch (error) {
    // Another process made the same cart or line between our read and write: once more sees it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    await change();
  }
  return readCart(tenant, owner);
}

export async function removeCartLine(
  tenant: { id: string; currency: string },
  owner: CartOwner,
  variantId: string,
): Promise<CartDto> {
  const db = await getTenantDb(tenant.id);
  if (!(await db.variant.findFirst({ where: { id: variantId }, select: { id: true } })))
    throw new DomainError(404, "That product is not available in this store.");
  const cart = await findLiveCart(tenant.id, owner);
  if (cart) await db.cartItem.deleteMany({ where: { cartId: cart.id, variantId } });
  return readCart(tenant, owner);
}

/** At sign-in: the guest cart's lines move into the shopper's cart (capped by stock), and the guest cart goes. */
export async function mergeGuestCart(tenantId: string, userId: string, guestToken: string): Promise<void> {
  const guest = await findLiveCart(tenantId, { guestToken });
  if (!guest) return;
  const db = await getTenantDb(tenantId);
  const user = await getOrCreateCart(tenantId, { userId });
  const [guestLines, userLines] = await Promise.all([
    db.cartItem.findMany({ where: { cartId: guest.id }, select: { variantId: true, quantity: true } }),
    db.cartItem.findMany({ where: { cartId: user.id }, select: { variantId: true, quantity: true } }),
  ]);
  const variants = await db.variant.findMany({
    where: {
      tenantId,
      id: { in: [...guestLines, ...userLines].map((l) => l.variantId) },
      product: { status: "ACTIVE" },
    },
    select: { id: true, stock: true },
  });
  const merged = mergeQuantities(userLines, guestLines, new Map(variants.map((v) => [v.id, v.stock])));
  await db.$transaction([
    db.cartItem.deleteMany({ where: { cartId: user.id } }),
    db.cartItem.createMany({
      data: [...merged]
        .slice(0, MAX_LINES_PER_CART)
        .map(([variantId, quantity]) => ({ tenantId, cartId: user.id, variantId, quantity })),
    }),
    db.cart.delete({ where: { id: guest.id } }),
  ]);
}

/** The cart's id, for checkout to remember which cart to empty once paid. */
export async function findCartId(tenantId: string, owner: CartOwner): Promise<string | null> {
  return (await findLiveCart(tenantId, owner))?.id ?? null;
}

/** After payment, inside the payment's transaction: take the bought quantities out of the cart. */
export async function removePurchasedLines(
  tenantId: string,
  cartId: string,
  bought: { variantId: string; quantity: number }[],
  tx: DbTransaction,
): Promise<void> {
  const db = tx;
  for (const line of bought) {
    const item = await db.cartItem.findFirst({ where: { tenantId, cartId, variantId: line.variantId } });
    if (!item) continue;
    if (item.quantity <= line.quantity) await db.cartItem.delete({ where: { id: item.id } });
    else await db.cartItem.update({ where: { id: item.id }, data: { quantity: item.quantity - line.quantity } });
  }
}

export { MAX_QUANTITY_PER_LINE };

/** At sign-in, with the request's cookies: the guest cart of this browser, if any, joins the user's. */
export async function mergeGuestCartFromCookie(input: {
  tenantId: string;
  userId: string;
  cookieHeader: string | null;
}): Promise<void> {
  const guestCart = readGuestCartToken(input.cookieHeader);
  if (guestCart) await mergeGuestCart(input.tenantId, input.userId, guestCart);
}
