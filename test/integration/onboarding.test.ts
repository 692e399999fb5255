import "../support/in-process-mocks";
import { listDiscountCodes } from "@/lib/checkout/discount-codes";
import { getShippingSettings } from "@/lib/checkout/shipping-options";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getTenantDb } from "@/lib/db";
import { acceptInvitation, describeInvitation } from "@/lib/identity/accept-invitation";
import { resolveSessionUser, type CurrentUser } from "@/lib/identity/current-user";
import { inviteStoreOwner, inviteToStore, listPendingInvitations, revokeInvitation } from "@/lib/identity/invitations";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { hashPassword } from "@/lib/identity/password";
import { startSessionFamily } from "@/lib/identity/session-store";
import { changeMemberRole, listTeamMembers, removeMember } from "@/lib/identity/team";
import { DomainError } from "@/lib/security/domain-error";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { createTenant, createTenantSchema } from "@/lib/tenancy/admin-tenants";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getStoreSettings } from "@/lib/tenancy/store-settings";
import { getDb } from "../support/db";
import { listRouteHandlers, type RouteEntry } from "../support/handler-catalog";
import { callRoute, loadActingUsers, type ActingUsers } from "../support/handler-call";
import { runInRequestScope } from "../support/next-request-scope";

// Issue 16, item 1: onboarding. Administrators invite a store's merchant, owners invite and manage
// their team, invitations are single-use hashed links; the guard keeps staff, customers and other
// stores' merchants away from the team.

const meta = { ip: "203.0.113.61", userAgent: "vitest", route: "/test" };
const PASSWORD = "a long and quiet harbour";
const routes = await listRouteHandlers();
let users: ActingUsers;
let northwind: TenantDto;
let admin: { id: string; email: string; name: string };

beforeAll(async () => {
  users = await loadActingUsers();
  northwind = (await findTenantByHost("northwind.localhost"))!;
  admin = users.administrator;
});

const unique = (label: string) => `${label}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const emailFor = (label: string) => `${unique(label)}@example.test`;

function route(method: string, template: string): RouteEntry {
  const found = routes.find((entry) => entry.method === method && entry.template === template);
  if (!found) throw new Error(`no ${method} ${template}`);
  return found;
}

async function newStore(label: string, name = `Team ${label}`): Promise<TenantDto> {
  const slug = unique(label).toLowerCase();
  const input = createTenantSchema.parse({ slug, name, currency: "USD", host: `${slug}.localhost` });
  await createTenant(input, { email: admin.email, ip: meta.ip });
  return (await findTenantByHost(`${slug}.localhost`))!;
}

async function latestMail(to: string) {
  const db = await getDb();
  return db.outboundEmail.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}

async function tokenMailedTo(to: string): Promise<string> {
  const token = /\/invite\?token=([\w-]+)/.exec((await latestMail(to)).text)?.[1];
  if (!token) throw new Error(`no invitation link mailed to ${to}`);
  return token;
}

const ownerActor = (user: { id: string; email: string }, tenant: TenantDto) => ({
  id: user.id,
  email: user.email,
  name: "",
  tenantId: tenant.id,
  kind: "owner" as const,
  ip: meta.ip,
});

/** Invites an address and accepts with a new account; returns the account. */
async function join(store: TenantDto, email: string, storeRole: "OWNER" | "STAFF", inviter = admin) {
  await inviteToStore(store, { email, storeRole }, ownerActor(inviter, store));
  const result = await acceptInvitation(
    store,
    { token: await tokenMailedTo(email), name: "Team Member", newPassword: PASSWORD, confirmPassword: PASSWORD },
    meta,
  );
  expect(result).toEqual({ ok: true, account: "created" });
  return (await getDb()).user.findFirstOrThrow({ where: { tenantId: store.id, email } });
}

const asCurrentUser = (
  user: { id: string; tenantId: string; email: string; name: string },
  storeRole: "OWNER" | "STAFF" | null,
  role: CurrentUser["role"] = "MERCHANT",
): CurrentUser => ({
  ...user,
  role,
  storeRole,
  familyId: `test-${user.id}`,
  secondFactor: false,
});

/** What an invitation attempt may change: accounts, links, the audit trail and sessions. */
async function snapshot(tenantId: string) {
  const db = await getDb();
  return JSON.stringify([
    await db.user.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    await db.oneTimeToken.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    await db.auditLog.count({ where: { tenantId } }),
    await db.sessionFamily.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  ]);
}

async function eventsSince(type: string, since: Date) {
  await flushSecurityEvents();
  const db = await getDb();
  const rows = await db.securityEvent.findMany({ where: { type, createdAt: { gte: since } } });
  return rows.map((row) => ({ route: row.route, details: JSON.parse(row.details) as Record<string, unknown> }));
}

async function ownersOf(tenantId: string): Promise<number> {
  return (await getDb()).user.count({ where: { tenantId, role: "MERCHANT", storeRole: "OWNER" } });
}

describe("invitations", () => {
  it("an administrator invites a new store's merchant: the link is mailed from the store's own host and stored only as a hash", async () => {
    const store = await newStore("mail", `Shop <b>"Bold"</b> & Co`);
    const email = emailFor("owner");
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const mail = await latestMail(email);
    const token = await tokenMailedTo(email);
    // The store's primary host and the server's port, never the console's host the request came on.
    expect(mail.text).toContain(`http://${store.host}:`);
    expect(mail.text).not.toContain("admin.localhost");
    expect(mail.html).toContain("Shop &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co");
    expect(mail.html).not.toContain("<b>");
    const db = await getDb();
    const rows = await db.oneTimeToken.findMany({ where: { tenantId: store.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "INVITATION",
      email,
      storeRole: "OWNER",
      tokenHash: hashOpaqueToken(token),
    });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    expect(await describeInvitation(store, token)).toEqual({ ok: true, email, storeRole: "OWNER", account: "new" });
  });

  it("re-inviting an address replaces the earlier invitation: only the newest link works", async () => {
    const store = await newStore("again");
    const email = emailFor("twice");
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const first = await tokenMailedTo(email);
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const second = await tokenMailedTo(email);
    expect(second).not.toBe(first);
    expect((await listPendingInvitations(store.id)).map((invitation) => invitation.email)).toEqual([email]);
    const refused = await acceptInvitation(
      store,
      { token: first, name: "Old", newPassword: PASSWORD, confirmPassword: PASSWORD },
      meta,
    );
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("withdrawn or replaced") });
    const accepted = await acceptInvitation(
      store,
      { token: second, name: "New", newPassword: PASSWORD, confirmPassword: PASSWORD },
      meta,
    );
    expect(accepted).toEqual({ ok: true, account: "created" });
    const user = await (await getDb()).user.findFirstOrThrow({ where: { tenantId: store.id, email } });
    expect(user).toMatchObject({ role: "MERCHANT", storeRole: "OWNER", name: "New" });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.teamJoinedAt).not.toBeNull();
  });

  it("20 parallel acceptances of one link make exactly one account", async () => {
    const store = await newStore("race");
    const email = emailFor("racer");
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const token = await tokenMailedTo(email);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        acceptInvitation(store, { token, name: `Racer ${n}`, newPassword: PASSWORD, confirmPassword: PASSWORD }, meta),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await (await getDb()).user.count({ where: { tenantId: store.id } })).toBe(1);
    const audit = await (
      await getDb()
    ).auditLog.count({ where: { tenantId: store.id, action: "team.invitation_accepted" } });
    expect(audit).toBe(1);
  });

  it("an expired, withdrawn, used or other store's link is refused and writes nothing", async () => {
    const store = await newStore("refused");
    const db = await getDb();
    const accept = (tenant: TenantDto, token: string) =>
      acceptInvitation(tenant, { token, name: "Nobody", newPassword: PASSWORD, confirmPassword: PASSWORD }, meta);
    const since = new Date();

    const expiredEmail = emailFor("expired");
    await inviteStoreOwner({ slug: store.slug, email: expiredEmail }, admin, meta);
    const expired = await tokenMailedTo(expiredEmail);
    await db.oneTimeToken.updateMany({
      where: { tokenHash: hashOpaqueToken(expired) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const revokedEmail = emailFor("revoked");
    await inviteStoreOwner({ slug: store.slug, email: revokedEmail }, admin, meta);
    const revoked = await tokenMailedTo(revokedEmail);
    const revokedRow = await db.oneTimeToken.findFirstOrThrow({ where: { tokenHash: hashOpaqueToken(revoked) } });
    await revokeInvitation(store.id, revokedRow.id, { ...admin, tenantId: store.id }, meta);
    expect(
      await db.auditLog.count({
        where: { tenantId: store.id, action: "team.invitation_revoked", entityId: revokedRow.id },
      }),
    ).toBe(1);

    const usedEmail = emailFor("used");
    await inviteStoreOwner({ slug: store.slug, email: usedEmail }, admin, meta);
    const used = await tokenMailedTo(usedEmail);
    expect((await accept(store, used)).ok).toBe(true);

    const otherEmail = emailFor("elsewhere");
    await inviteStoreOwner({ slug: store.slug, email: otherEmail }, admin, meta);
    const other = await tokenMailedTo(otherEmail);

    const before = [await snapshot(store.id), await snapshot(northwind.id)];
    for (const [tenant, token, says] of [
      [store, expired, "expired"],
      [store, revoked, "withdrawn"],
      [store, used, "already been accepted"],
      [northwind, other, "not valid"],
      [store, "x".repeat(43), "not valid"],
    ] as const) {
      expect(await accept(tenant, token)).toMatchObject({
        ok: false,
        field: "form",
        message: expect.stringContaining(says),
      });
      expect(await describeInvitation(tenant, token)).toMatchObject({
        ok: false,
        message: expect.stringContaining(says),
      });
    }
    expect([await snapshot(store.id), await snapshot(northwind.id)]).toEqual(before);
    expect((await eventsSince("auth.invitation_rejected", since)).map((event) => event.details.reason).sort()).toEqual([
      "expired",
      "other-store",
      "revoked",
      "unknown",
      "used",
    ]);
    // Nothing of it is in another store's mailbox either: the other store's link still works at home.
    expect((await accept(store, other)).ok).toBe(true);
  });

  it("applies the password policy and refuses two different passwords, creating nothing", async () => {
    const store = await newStore("policy");
    const email = emailFor("weak");
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const token = await tokenMailedTo(email);
    const before = await snapshot(store.id);
    expect(
      await acceptInvitation(store, { token, name: "Weak", newPassword: "short", confirmPassword: "short" }, meta),
    ).toMatchObject({ ok: false, field: "newPassword" });
    expect(
      await acceptInvitation(
        store,
        { token, name: "Weak", newPassword: "password1234", confirmPassword: "password1234" },
        meta,
      ),
    ).toMatchObject({ ok: false, field: "newPassword" });
    expect(
      await acceptInvitation(
        store,
        { token, name: "Weak", newPassword: PASSWORD, confirmPassword: `${PASSWORD}!` },
        meta,
      ),
    ).toMatchObject({ ok: false, field: "confirmPassword" });
    expect(await snapshot(store.id)).toEqual(before);
  });

  it("an existing shopper joins only with their current password; their sessions end and their password stays", async () => {
    const store = await newStore("shopper");
    const db = await getDb();
    const email = emailFor("customer");
    const passwordHash = await hashPassword(PASSWORD);
    const shopper = await db.user.create({
      data: { tenantId: store.id, email, name: "Sam", passwordHash, role: "CUSTOMER", emailVerifiedAt: new Date() },
    });
    const session = await startSessionFamily(
      { userId: shopper.id, tenantId: store.id, userAgent: "vitest", ip: meta.ip },
      new Date(),
      { accessTtlMs: 900_000, idleTimeoutMs: 86_400_000, absoluteTtlMs: 604_800_000, reuseGraceMs: 30_000 },
    );
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const token = await tokenMailedTo(email);
    expect(await describeInvitation(store, token)).toMatchObject({ ok: true, account: "existing" });
    const before = await snapshot(store.id);
    // A new password does not replace the account's: the link proves the mailbox, not the account.
    expect(
      await acceptInvitation(
        store,
        { token, name: "Mallory", newPassword: "another long passphrase", confirmPassword: "another long passphrase" },
        meta,
      ),
    ).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await acceptInvitation(store, { token, currentPassword: "not the password at all" }, meta)).toMatchObject({
      ok: false,
      field: "currentPassword",
    });
    expect(await snapshot(store.id)).not.toContain('"role":"MERCHANT"');
    expect(JSON.parse(await snapshot(store.id))[0]).toEqual(JSON.parse(before)[0]);
    expect(await acceptInvitation(store, { token, currentPassword: PASSWORD }, meta)).toEqual({
      ok: true,
      account: "joined",
    });
    const joined = await db.user.findUniqueOrThrow({ where: { id: shopper.id } });
    expect(joined).toMatchObject({ role: "MERCHANT", storeRole: "OWNER", name: "Sam", passwordHash });
    expect((await db.sessionFamily.findUniqueOrThrow({ where: { id: session.familyId } })).revokedAt).not.toBeNull();
  });

  it("guesses at an existing account's password through an invitation pause it like sign-in guesses", async () => {
    const store = await newStore("guess");
    const db = await getDb();
    const email = emailFor("guessed");
    const passwordHash = await hashPassword(PASSWORD);
    await db.user.create({
      data: { tenantId: store.id, email, name: "Gus", passwordHash, role: "CUSTOMER", emailVerifiedAt: new Date() },
    });
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const token = await tokenMailedTo(email);
    for (let n = 0; n < 4; n += 1) {
      expect(await acceptInvitation(store, { token, currentPassword: `wrong guess number ${n}` }, meta)).toMatchObject({
        ok: false,
        message: expect.stringContaining("not the current password"),
      });
    }
    // The fourth wrong guess paused the account: even its right password waits.
    expect(await acceptInvitation(store, { token, currentPassword: PASSWORD }, meta)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Too many attempts"),
    });
    expect(await db.user.findFirstOrThrow({ where: { tenantId: store.id, email } })).toMatchObject({
      role: "CUSTOMER",
    });
  });

  it("an account that was never confirmed is taken over by whoever holds the invitation", async () => {
    const store = await newStore("unconfirmed");
    const db = await getDb();
    const email = emailFor("squatted");
    const squatter = await db.user.create({
      data: {
        tenantId: store.id,
        email,
        name: "Squatter",
        passwordHash: await hashPassword("the squatter's own phrase"),
        role: "CUSTOMER",
      },
    });
    await inviteStoreOwner({ slug: store.slug, email }, admin, meta);
    const token = await tokenMailedTo(email);
    expect(await describeInvitation(store, token)).toMatchObject({ ok: true, account: "new" });
    expect(
      await acceptInvitation(
        store,
        { token, name: "Rightful", newPassword: PASSWORD, confirmPassword: PASSWORD },
        meta,
      ),
    ).toEqual({ ok: true, account: "created" });
    const taken = await db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(taken).toMatchObject({ name: "Rightful", role: "MERCHANT", storeRole: "OWNER" });
    expect(taken.passwordHash).not.toBe(squatter.passwordHash);
    expect(taken.emailVerifiedAt).not.toBeNull();
  });

  it("an address already on the team is not invited again", async () => {
    const store = await newStore("member");
    const email = emailFor("member");
    await join(store, email, "OWNER");
    await expect(inviteStoreOwner({ slug: store.slug, email }, admin, meta)).rejects.toMatchObject({ status: 409 });
  });
});

describe("shipping and discount codes through the owner's routes", () => {
  it("saves what is right and refuses every malformed or foreign shape with a 4xx, writing nothing", async () => {
    const owner = users.merchant;
    const call = async (method: string, template: string, body: unknown, params: Record<string, string> = {}) =>
      (
        await callRoute(route(method, template), {
          user: owner,
          params,
          contentType: "application/json",
          body: typeof body === "string" ? body : JSON.stringify(body),
        })
      ).status;
    const shippingBefore = await getShippingSettings(northwind.id);
    const refused: [string, string, unknown, Record<string, string>?][] = [
      ["PATCH", "/api/dashboard/shipping", { countries: ["US", "ZZ"] }],
      ["PATCH", "/api/dashboard/shipping", { countries: Array.from({ length: 10_000 }, () => "US") }],
      ["PATCH", "/api/dashboard/shipping", { countries: "US" }],
      ["PATCH", "/api/dashboard/shipping", { automaticTax: "yes" }],
      ["PATCH", "/api/dashboard/shipping", { shipsTo: "US" }],
      ["PATCH", "/api/dashboard/shipping", {}],
      ["PATCH", "/api/dashboard/shipping", '{"countries":["US"],"countries":["ZZ"]}'],
      ["POST", "/api/dashboard/shipping/rates", { name: "Overnight", amount: "-1" }],
      ["POST", "/api/dashboard/shipping/rates", { name: "Overnight", amount: "12.345" }],
      ["POST", "/api/dashboard/shipping/rates", { name: "Overnight", amount: "5", minDays: 5, maxDays: 2 }],
      ["POST", "/api/dashboard/shipping/rates", { name: "Overnight", amount: "5", currency: "JPY" }],
      ["POST", "/api/dashboard/shipping/rates", { name: "Over\u0000night", amount: "5" }],
      ["POST", "/api/dashboard/discounts", { code: "SAVE150", kind: "percent", value: "150" }],
      ["POST", "/api/dashboard/discounts", { code: "bad code!", kind: "percent", value: "10" }],
      ["POST", "/api/dashboard/discounts", { code: "PASTCODE", kind: "percent", value: "10", expiresOn: "2020-01-01" }],
      ["POST", "/api/dashboard/discounts", { code: "FREEBIE", kind: "amount", value: "0" }],
      ["POST", "/api/dashboard/discounts", { code: "TENANTX", kind: "percent", value: "10", tenantId: "x" }],
    ];
    for (const [method, template, body, params] of refused) {
      const status = await call(method, template, body, params);
      expect(status, `${method} ${template} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(await getShippingSettings(northwind.id)).toEqual(shippingBefore);
    expect((await listDiscountCodes(northwind.id)).map((code) => code.code)).not.toEqual(
      expect.arrayContaining(["SAVE150", "PASTCODE", "FREEBIE", "TENANTX"]),
    );

    const code = unique("SPRING")
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 20);
    expect(
      await call("POST", "/api/dashboard/discounts", { code: code.toLowerCase(), kind: "percent", value: "15" }),
    ).toBe(200);
    expect(await call("POST", "/api/dashboard/discounts", { code, kind: "amount", value: "5.00" })).toBe(409);
    const created = (await listDiscountCodes(northwind.id)).find((entry) => entry.code === code)!;
    expect(created).toMatchObject({ percentOff: 15, active: true });
    // Another store's code and rate are not this store's to change.
    const lumen = (await findTenantByHost("lumen.localhost"))!;
    const lumenDb = await getTenantDb(lumen.id);
    const lumenRate = await lumenDb.shippingRate.findFirstOrThrow({ where: { active: true } });
    expect(await call("DELETE", "/api/dashboard/shipping/rates/[id]", {}, { id: lumenRate.id })).toBe(404);
    expect((await lumenDb.shippingRate.findFirstOrThrow({ where: { id: lumenRate.id } })).active).toBe(true);
    expect(await call("PATCH", "/api/dashboard/discounts/[id]", { active: false }, { id: created.id })).toBe(200);
    expect((await listDiscountCodes(northwind.id)).find((entry) => entry.code === code)?.active).toBe(false);
  });
});

describe("the team", () => {
  it("staff see the team but the guard refuses them every change, logging it", async () => {
    const staff = await join(northwind, emailFor("staff"), "STAFF", users.merchant);
    const staffUser = asCurrentUser(staff, "STAFF");
    const owner = users.merchant;
    const before = await snapshot(northwind.id);
    const since = new Date();
    const calls: [RouteEntry, Record<string, string>, unknown][] = [
      [route("POST", "/api/dashboard/team/invitations"), {}, { email: emailFor("by-staff"), storeRole: "OWNER" }],
      [route("PATCH", "/api/dashboard/team/members/[id]"), { id: owner.id }, { storeRole: "STAFF" }],
      [route("PATCH", "/api/dashboard/team/members/[id]"), { id: staff.id }, { storeRole: "OWNER" }],
      [route("DELETE", "/api/dashboard/team/members/[id]"), { id: owner.id }, {}],
      [route("DELETE", "/api/dashboard/team/invitations/[id]"), { id: "any-invitation" }, {}],
      // What the store is — its name, look, currency and policies — is the owners' to change.
      [route("PATCH", "/api/dashboard/settings"), {}, { name: "Renamed by staff", currency: "EUR" }],
      [route("DELETE", "/api/dashboard/settings/logo"), {}, {}],
      // Where and how it ships, its tax and its discounts are the owners' too.
      [route("PATCH", "/api/dashboard/shipping"), {}, { countries: [], automaticTax: false }],
      [route("POST", "/api/dashboard/shipping/rates"), {}, { name: "Staff free", amount: "0" }],
      [route("DELETE", "/api/dashboard/shipping/rates/[id]"), { id: "any-rate" }, {}],
      [route("POST", "/api/dashboard/discounts"), {}, { code: "STAFF100", kind: "percent", value: "100" }],
      [route("PATCH", "/api/dashboard/discounts/[id]"), { id: "any-code" }, { active: false }],
    ];
    const shippingBefore = await getShippingSettings(northwind.id);
    const codesBefore = await listDiscountCodes(northwind.id);
    const settingsBefore = await getStoreSettings(northwind.id);
    for (const [entry, params, body] of calls) {
      const outcome = await callRoute(entry, {
        user: staffUser,
        params,
        contentType: "application/json",
        body: JSON.stringify(body),
      });
      expect(outcome.status, `${entry.method} ${entry.template}`).toBe(403);
    }
    expect(await snapshot(northwind.id)).toEqual(before);
    expect(await getStoreSettings(northwind.id)).toEqual(settingsBefore);
    expect(await getShippingSettings(northwind.id)).toEqual(shippingBefore);
    expect(await listDiscountCodes(northwind.id)).toEqual(codesBefore);
    const denied = await eventsSince("access.denied", since);
    expect(denied).toHaveLength(calls.length);
    expect(denied[0]!.details).toEqual({ role: "MERCHANT", storeRole: "STAFF", requiredStoreRoles: ["OWNER"] });
    expect((await listTeamMembers(northwind.id)).map((member) => member.email)).toContain(staff.email);
  });

  it("a customer of the store cannot reach the team routes", async () => {
    const before = await snapshot(northwind.id);
    for (const entry of routes.filter((candidate) => candidate.template.startsWith("/api/dashboard/team"))) {
      const outcome = await callRoute(entry, {
        user: users.shopper,
        params: { id: users.merchant.id },
        contentType: "application/json",
        body: JSON.stringify({ email: emailFor("x"), storeRole: "OWNER" }),
      });
      expect(outcome.status, `${entry.method} ${entry.template}`).toBe(404);
    }
    expect(await snapshot(northwind.id)).toEqual(before);
  });

  it("an owner of store A cannot touch store B's members or invitations (B's ids sent to A's host)", async () => {
    const db = await getDb();
    const lumenMerchant = await db.user.findFirstOrThrow({ where: { email: "merchant@lumen.test" } });
    const lumen = (await findTenantByHost("lumen.localhost"))!;
    await inviteToStore(
      lumen,
      { email: emailFor("lumen-staff"), storeRole: "STAFF" },
      ownerActor(lumenMerchant, lumen),
    );
    const lumenInvitation = (await listPendingInvitations(lumen.id))[0]!;
    const before = await snapshot(lumen.id);
    for (const [entry, id, body] of [
      [route("PATCH", "/api/dashboard/team/members/[id]"), lumenMerchant.id, { storeRole: "STAFF" }],
      [route("DELETE", "/api/dashboard/team/members/[id]"), lumenMerchant.id, {}],
      [route("DELETE", "/api/dashboard/team/invitations/[id]"), lumenInvitation.id, {}],
    ] as const) {
      const outcome = await callRoute(entry, {
        user: users.merchant,
        params: { id },
        contentType: "application/json",
        body: JSON.stringify(body),
      });
      expect(outcome.status, `${entry.method} ${entry.template}`).toBe(404);
    }
    expect(await snapshot(lumen.id)).toEqual(before);
  });

  it("nobody removes or demotes the last owner", async () => {
    const store = await newStore("last");
    const owner = await join(store, emailFor("sole"), "OWNER");
    const staff = await join(store, emailFor("helper"), "STAFF", owner);
    const db = await getTenantDb(store.id);
    const actor = { id: owner.id, email: owner.email, tenantId: store.id };
    const since = new Date();
    await expect(changeMemberRole(db, actor, { id: owner.id, storeRole: "STAFF" }, meta)).rejects.toMatchObject({
      status: 409,
    });
    await expect(removeMember(db, actor, owner.id, meta)).rejects.toMatchObject({ status: 409 });
    expect(await ownersOf(store.id)).toBe(1);
    expect((await eventsSince("team.change_refused", since)).map((event) => event.details.reason)).toEqual([
      "last_owner",
      "last_owner",
    ]);
    // With a second owner, the first may step down.
    await changeMemberRole(db, actor, { id: staff.id, storeRole: "OWNER" }, meta);
    await changeMemberRole(db, actor, { id: owner.id, storeRole: "STAFF" }, meta);
    expect((await listTeamMembers(store.id)).map((member) => [member.email, member.storeRole])).toEqual([
      [owner.email, "STAFF"],
      [staff.email, "OWNER"],
    ]);
    const actions = (await db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["team.invited", "team.invitation_accepted", "team.role_changed"]));
  });

  it("two owners demoting, or removing, each other at once leave at least one owner", async () => {
    for (const move of ["demote", "remove"] as const) {
      const store = await newStore(move);
      const first = await join(store, emailFor("first"), "OWNER");
      const second = await join(store, emailFor("second"), "OWNER", first);
      const db = await getTenantDb(store.id);
      const act = (by: typeof first, target: typeof first) => {
        const actor = { id: by.id, email: by.email, tenantId: store.id };
        return move === "demote"
          ? changeMemberRole(db, actor, { id: target.id, storeRole: "STAFF" }, meta)
          : removeMember(db, actor, target.id, meta);
      };
      const results = await Promise.allSettled([act(first, second), act(second, first)]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(DomainError);
      expect(await ownersOf(store.id)).toBe(1);
    }
  });

  it("a removed member's session no longer reaches the dashboard", async () => {
    const member = await join(northwind, emailFor("leaving"), "STAFF", users.merchant);
    const policy = {
      accessTtlMs: 900_000,
      idleTimeoutMs: 86_400_000,
      absoluteTtlMs: 604_800_000,
      reuseGraceMs: 30_000,
    };
    const session = await startSessionFamily(
      { userId: member.id, tenantId: northwind.id, userAgent: "vitest", ip: meta.ip },
      new Date(),
      policy,
    );
    const claims = {
      sub: member.id,
      tid: northwind.id,
      role: "MERCHANT" as const,
      fid: session.familyId,
      rt: session.credential,
      aexp: Math.floor(Date.now() / 1000) + 900,
    };
    const resolve = async () =>
      (
        await runInRequestScope(new Headers({ host: "northwind.localhost" }), null, () =>
          resolveSessionUser(claims, northwind),
        )
      ).result;
    expect(await resolve()).toMatchObject({ id: member.id, role: "MERCHANT", storeRole: "STAFF" });

    const outcome = await callRoute(route("DELETE", "/api/dashboard/team/members/[id]"), {
      user: users.merchant,
      params: { id: member.id },
      contentType: "application/json",
      body: "{}",
    });
    expect(outcome.status).toBe(200);
    expect(await resolve()).toBeNull();
    const db = await getDb();
    expect(await db.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      role: "CUSTOMER",
      storeRole: null,
    });
    // Even a session opened afterwards is a customer's: the dashboard's routes refuse it.
    const fresh = asCurrentUser(member, null, "CUSTOMER");
    const product = await db.product.findFirstOrThrow({ where: { tenantId: northwind.id } });
    const refused = await callRoute(route("PATCH", "/api/dashboard/products/[id]"), {
      user: fresh,
      params: { id: product.id },
      contentType: "application/json",
      body: JSON.stringify({ title: "Still here?" }),
    });
    expect(refused.status).toBe(404);
    expect(
      (
        await db.auditLog.findFirstOrThrow({
          where: { tenantId: northwind.id, action: "team.member_removed", entityId: member.id },
        })
      ).actorEmail,
    ).toBe(users.merchant.email);
  });

  it("an administrator invites and withdraws through the console's routes; a merchant cannot call them", async () => {
    const store = await newStore("console");
    const email = emailFor("console");
    const invite = route("POST", "/api/admin/tenants/[slug]/invitations");
    const created = await callRoute(invite, {
      user: { ...users.administrator, secondFactor: true },
      params: { slug: store.slug },
      contentType: "application/json",
      body: JSON.stringify({ email }),
    });
    expect(created.status).toBe(201);
    const [pending] = await listPendingInvitations(store.id);
    expect(pending).toMatchObject({ email, storeRole: "OWNER", invitedBy: "platform administrator" });
    const revoke = route("DELETE", "/api/admin/tenants/[slug]/invitations/[id]");
    // Another store's slug with this invitation's id: nothing to withdraw there.
    const wrongStore = await callRoute(revoke, {
      user: users.administrator,
      params: { slug: "lumen", id: pending!.id },
      contentType: "application/json",
      body: "{}",
    });
    expect(wrongStore.status).toBe(404);
    expect(await listPendingInvitations(store.id)).toHaveLength(1);
    const withdrawn = await callRoute(revoke, {
      user: users.administrator,
      params: { slug: store.slug, id: pending!.id },
      contentType: "application/json",
      body: "{}",
    });
    expect(withdrawn.status).toBe(200);
    expect(await listPendingInvitations(store.id)).toEqual([]);
    const merchant = await callRoute(invite, {
      user: { ...users.merchant, tenantId: users.administrator.tenantId },
      params: { slug: store.slug },
      contentType: "application/json",
      body: JSON.stringify({ email }),
    });
    expect(merchant.status).toBe(404);
  });
});
