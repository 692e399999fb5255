import "server-only";
import { DomainError } from "@/lib/security/domain-error";
import { z } from "zod";
import { getPlatformDb, invalidateTags, Prisma, TENANT_HOSTS_TAG } from "@/lib/db";
import { isSingleMailbox } from "@/lib/mail/send-mail";
import { recordAdminAction, type AdminActor } from "@/lib/telemetry/admin-actions";
import { getPlatformHost } from "@/lib/env/server-config";
import { accentColourSchema, DEFAULT_ACCENT } from "./accent-colour";
import { normalizeHost } from "./host";
import { STORE_CURRENCIES } from "./store-options";

// The administrator console's platform-level operations. Callers have checked the ADMINISTRATOR
// role on the platform host (lib/security/guard.ts); these run on the explicitly unscoped client.

export type TenantOverview = {
  id: string;
  slug: string;
  name: string;
  kind: "STORE" | "PLATFORM";
  status: "ACTIVE" | "SUSPENDED";
  hosts: string[];
  users: number;
  products: number;
};

export async function listTenantOverviews(): Promise<TenantOverview[]> {
  const db = await getPlatformDb();
  const tenants = await db.tenant.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      status: true,
      domains: { select: { host: true }, orderBy: { host: "asc" } },
      _count: { select: { users: true, products: true } },
    },
  });
  const platformHost = getPlatformHost();
  return tenants.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    status: t.status,
    // The console answers on its configured host, never on a domain row.
    hosts: t.kind === "PLATFORM" ? (platformHost ? [platformHost] : []) : t.domains.map((d) => d.host),
    users: t._count.users,
    products: t._count.products,
  }));
}

const hostSchema = z
  .string()
  .trim()
  .max(253)
  .transform((value, ctx) => {
    const host = normalizeHost(value);
    if (!host) ctx.addIssue({ code: "custom", message: "Enter a host name such as shop.example.com." });
    // A store there would never answer: the console's host always means the console.
    else if (host === getPlatformHost()) ctx.addIssue({ code: "custom", message: "That is the console's own host." });
    return host ?? "";
  });

export const createTenantSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and hyphens.")
      .min(2)
      .max(40),
    name: z.string().trim().min(2).max(80),
    currency: z.enum(STORE_CURRENCIES),
    host: hostSchema,
    // The same contrast check as the merchant's settings: a colour no text can be read on is refused.
    accentColor: accentColourSchema.default(DEFAULT_ACCENT),
  })
  .strict();

export async function createTenant(
  input: z.output<typeof createTenantSchema>,
  by: AdminActor,
): Promise<{ slug: string }> {
  const db = await getPlatformDb();
  try {
    await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: {
          slug: input.slug,
          name: input.name,
          currency: input.currency,
          accentColor: input.accentColor,
          tagline: `Welcome to ${input.name}.`,
        },
      });
      // No categories: the merchant names them (/dashboard/categories). A made-up "All products"
      // category duplicated the storefront's own link and had no art.
      await tx.tenantDomain.create({ data: { tenantId: tenant.id, host: input.host, isPrimary: true } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(409, "That slug or host is already taken.");
    throw error;
  }
  invalidateTags(TENANT_HOSTS_TAG);
  await recordAdminAction(by, null, { action: "tenant.created", slug: input.slug, host: input.host });
  return { slug: input.slug };
}

async function findStore(slug: string) {
  const db = await getPlatformDb();
  const tenant = await db.tenant.findUnique({ where: { slug } });
  if (!tenant) throw new DomainError(404, "No such tenant.");
  return tenant;
}

export async function setTenantStatus(slug: string, status: "ACTIVE" | "SUSPENDED", by: AdminActor): Promise<void> {
  const tenant = await findStore(slug);
  if (tenant.kind === "PLATFORM") throw new DomainError(409, "The platform itself cannot be suspended.");
  const db = await getPlatformDb();
  await db.tenant.update({ where: { id: tenant.id }, data: { status } });
  // A suspended store must stop answering at once, not when a cached look-up expires.
  invalidateTags(TENANT_HOSTS_TAG);
  await recordAdminAction(by, tenant.id, { action: "tenant.status", slug, status });
}

export async function addTenantDomain(slug: string, host: string, by: AdminActor): Promise<void> {
  const tenant = await findStore(slug);
  const db = await getPlatformDb();
  try {
    await db.tenantDomain.create({ data: { tenantId: tenant.id, host } });
    invalidateTags(TENANT_HOSTS_TAG);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(409, "That host already belongs to a store.");
    throw error;
  }
  await recordAdminAction(by, tenant.id, { action: "tenant.domain_added", slug, host });
}

export async function getTenantDetail(slug: string) {
  const db = await getPlatformDb();
  const tenant = await db.tenant.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      kind: true,
      status: true,
      currency: true,
      mailSenderName: true,
      mailReplyTo: true,
      domains: { select: { host: true, isPrimary: true }, orderBy: { host: "asc" } },
      users: {
        orderBy: { email: "asc" },
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          storeRole: true,
          disabledAt: true,
          emailVerifiedAt: true,
          _count: { select: { sessionFamilies: { where: { revokedAt: null, expiresAt: { gt: new Date() } } } } },
        },
      },
    },
  });
  if (!tenant) return null;
  return {
    ...tenant,
    users: tenant.users.map(({ _count, ...user }) => ({ ...user, activeSessions: _count.sessionFamilies })),
  };
}

// A store's sender: the display name on its From line and where replies go. The address itself
// is the platform's (MAIL_FROM_ADDRESS): a store cannot make the relay send as someone else.

export const mailSenderSchema = z
  .object({
    slug: z.string().min(1).max(40),
    mailSenderName: z
      .string()
      .trim()
      .max(80, "Use at most 80 characters.")
      .refine((value) => !/[\p{Cc}\p{Cf}<>"]/u.test(value), "Use letters, numbers and ordinary punctuation."),
    mailReplyTo: z
      .string()
      .trim()
      .max(254)
      .transform((value) => value.toLowerCase())
      .refine((value) => value === "" || isSingleMailbox(value), "Enter one email address, or leave it empty."),
  })
  .strict();

/** Empty fields go back to the defaults: the store's name, and no Reply-To. Audited. */
export async function setTenantMailSender(input: z.output<typeof mailSenderSchema>, by: AdminActor): Promise<void> {
  const db = await getPlatformDb();
  const tenant = await db.tenant.findUnique({ where: { slug: input.slug }, select: { id: true, kind: true } });
  if (!tenant || tenant.kind !== "STORE") throw new DomainError(404, "No such store.");
  await db.tenant.update({
    where: { id: tenant.id },
    data: { mailSenderName: input.mailSenderName || null, mailReplyTo: input.mailReplyTo || null },
  });
  await recordAdminAction(by, tenant.id, {
    action: "tenant.mail_sender",
    slug: input.slug,
    senderName: input.mailSenderName || null,
    replyTo: input.mailReplyTo || null,
  });
}

/** A store by its slug, for the console's actions on it (its team); the platform is not a store. */
export async function findStoreBySlug(slug: string): Promise<{ id: string; name: string }> {
  const tenant = await findStore(slug);
  if (tenant.kind !== "STORE") throw new DomainError(404, "No such store.");
  return { id: tenant.id, name: tenant.name };
}
