import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/identity/current-user";
import { hashPassword } from "@/lib/identity/password";
import {
  confirmEnrollment,
  disableSecondFactor,
  getSecondFactorStatus,
  regenerateRecoveryCodes,
  startEnrollment,
} from "@/lib/identity/second-factor";
import { needsSecondFactor } from "@/lib/identity/second-factor-policy";
import { startSessionFamily } from "@/lib/identity/session-store";
import { authenticateCredentials } from "@/lib/identity/sign-in";
import { decodeBase32, generateTotp, timeStep } from "@/lib/identity/totp";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "../support/db";
import { tagAsvs } from "@/security/asvs-ids";

const meta = { ip: "203.0.113.9", userAgent: "vitest", route: "/test" };
const policy = { accessTtlMs: 900_000, idleTimeoutMs: 86_400_000, absoluteTtlMs: 604_800_000, reuseGraceMs: 30_000 };
const PASSWORD = "tundra walrus copper kite";
let northwind: TenantDto;

beforeAll(async () => {
  northwind = (await findTenantByHost("localhost"))!;
});

let counter = 0;
async function newUser(role: CurrentUser["role"] = "MERCHANT"): Promise<CurrentUser> {
  const db = await getDb();
  counter += 1;
  const row = await db.user.create({
    data: {
      tenantId: northwind.id,
      email: `two-step-${counter}-${Date.now()}@northwind.test`,
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
      role,
    },
  });
  const session = await startSessionFamily(
    { userId: row.id, tenantId: northwind.id, userAgent: "a", ip: "" },
    new Date(),
    policy,
  );
  return { ...row, familyId: session.familyId, secondFactor: false };
}

const codeFor = (secret: string, offset = 0) => generateTotp(decodeBase32(secret), timeStep(Date.now()) + offset);

const confirm = (user: CurrentUser, code: string, password = PASSWORD) =>
  confirmEnrollment(user, { code, password }, meta);

async function enrol(user: CurrentUser) {
  const { secret } = (await startEnrollment(user, "Northwind"))!;
  const result = await confirm(user, codeFor(secret));
  if (!result.ok) throw new Error(result.message);
  return { secret, recoveryCodes: result.recoveryCodes };
}

const signIn = (user: CurrentUser, otp?: string) =>
  authenticateCredentials({ tenant: northwind, email: user.email, password: PASSWORD, honeypot: "", meta, otp });

async function eventTypes(since: Date) {
  const db = await getDb();
  return (await db.securityEvent.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: "asc" } })).map(
    (event) => event.type,
  );
}

describe("two-step verification: enrolment", () => {
  it("keeps the secret sealed, turns on only with a code from it, and signs out every other session", async () => {
    const user = await newUser();
    const other = await startSessionFamily(
      { userId: user.id, tenantId: northwind.id, userAgent: "b", ip: "" },
      new Date(),
      policy,
    );
    const since = new Date();
    const { secret, uri } = (await startEnrollment(user, "Northwind"))!;
    expect(uri).toContain(`secret=${secret.replace(/ /g, "")}`);
    const db = await getDb();
    const pending = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpPendingSecret).toBeTruthy();
    expect(pending.totpPendingSecret).not.toContain(secret.replace(/ /g, ""));
    expect(pending.totpEnabledAt).toBeNull();

    expect(await confirm(user, "000000")).toMatchObject({ ok: false, field: "code" });
    expect(await confirm(user, codeFor(secret, 5))).toMatchObject({ ok: false, field: "code" });
    // A stolen session alone cannot put a thief's phone on the account: the password is asked.
    expect(await confirm(user, codeFor(secret), "not the password")).toMatchObject({ ok: false, field: "password" });
    const result = await confirm(user, codeFor(secret));
    expect(result).toMatchObject({ ok: true, endedSessions: 1 });
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);
    for (const code of result.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    // Only the first four characters (to find the row) and an argon2id hash of the rest are kept.
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(result.recoveryCodes.some((code) => row.codeHash.includes(code.slice(5).replace("-", "")))).toBe(false);
    }
    // This session has passed it; the other one is gone.
    expect((await db.sessionFamily.findUniqueOrThrow({ where: { id: user.familyId } })).secondFactorAt).not.toBeNull();
    expect((await db.sessionFamily.findUniqueOrThrow({ where: { id: other.familyId } })).revokedReason).toBe(
      "second_factor_enrolled",
    );
    // Nothing is pending any more: a second confirmation cannot swap the secret.
    expect(await confirm({ ...user, secondFactor: true }, codeFor(secret, 1))).toMatchObject({ ok: false });
    expect(await eventTypes(since)).toEqual(
      expect.arrayContaining(["auth.second_factor_failed", "auth.second_factor_enrolled"]),
    );
  });

  it("does not let a started set-up replace the secret of an account that has it on", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    await startEnrollment(user, "Northwind");
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpPendingSecret).toBeNull();
    expect(await signIn(user, codeFor(secret, 1))).toMatchObject({ secondFactor: true });
  });
});

describe("two-step verification: a new phone, a rotated secret", () => {
  it("moves a session that passed the second factor to a new authenticator; the old one stops working", async () => {
    const user = await newUser();
    const old = await enrol(user);
    const passed = { ...user, secondFactor: true };
    const { secret } = (await startEnrollment(passed, "Northwind"))!;
    expect(secret).not.toBe(old.secret);
    const moved = await confirm(passed, codeFor(secret));
    expect(moved).toMatchObject({ ok: true });
    expect(await signIn(user, codeFor(old.secret, 1))).toEqual({ challenge: "second-factor-failed" });
    expect(await signIn(user, codeFor(secret, 1))).toMatchObject({ secondFactor: true });
  });

  it("still takes a recovery code when the authenticator key cannot be opened (the server secret was rotated)", async () => {
    const user = await newUser();
    const { recoveryCodes } = await enrol(user);
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { totpSecret: "v1.AAAA.BBBB.CCCC" } });
    expect(await signIn(user, "123456")).toEqual({ challenge: "second-factor-failed" });
    expect(await signIn(user, recoveryCodes[3]!)).toMatchObject({ secondFactor: true });
  });
});

describe("two-step verification: sign-in", () => {
  it("asks for the code only after the right password, and refuses a wrong, reused or stale one", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    const since = new Date();
    expect(await signIn({ ...user }, undefined)).toEqual({ challenge: "second-factor-required" });
    expect(
      await authenticateCredentials({
        tenant: northwind,
        email: user.email,
        password: "wrong one",
        honeypot: "",
        meta,
      }),
    ).toBeNull();
    expect(await signIn(user, "123456")).toEqual({ challenge: "second-factor-failed" });
    const next = codeFor(secret, 1);
    expect(await signIn(user, next)).toMatchObject({ id: user.id, secondFactor: true });
    // The enrolment used this step and the sign-in the next: neither code works again.
    expect(await signIn(user, next)).toEqual({ challenge: "second-factor-failed" });
    expect(await signIn(user, codeFor(secret))).toEqual({ challenge: "second-factor-failed" });
    // Code guesses spend the same lockout budget as password guesses.
    expect(await signIn(user, "999999")).toEqual({ challenge: "second-factor-failed" });
    expect(await signIn(user, "888888")).toEqual({ challenge: "second-factor-failed" });
    expect(await signIn(user, codeFor(secret, 1))).toBeNull();
    expect(await eventTypes(since)).toEqual(
      expect.arrayContaining(["auth.second_factor_failed", "auth.second_factor_passed", "auth.account_locked"]),
    );
  });

  it(`${tagAsvs("V2.8.4")} lets exactly one of 20 parallel sign-ins with the same code through`, async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    const code = codeFor(secret, 1);
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn(user, code)));
    expect(results.filter((result) => result && "secondFactor" in result)).toHaveLength(1);
  });

  it("takes each recovery code once, in any spelling, and new codes end the old ones", async () => {
    const user = await newUser();
    const { secret, recoveryCodes } = await enrol(user);
    const [first, second] = recoveryCodes as [string, string];
    expect(await signIn(user, first.toUpperCase().replace("-", " "))).toMatchObject({ secondFactor: true });
    expect(await signIn(user, first)).toEqual({ challenge: "second-factor-failed" });
    const status = await getSecondFactorStatus(user);
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 9, required: false });
    const renewed = await regenerateRecoveryCodes(user, codeFor(secret, 1), meta);
    expect(renewed).toMatchObject({ ok: true });
    expect(await signIn(user, second)).toEqual({ challenge: "second-factor-failed" });
  });

  it("turns off only with a current code, and never for an administrator", async () => {
    const user = await newUser();
    const { secret } = await enrol(user);
    expect(await disableSecondFactor(user, "111111", meta)).toMatchObject({ ok: false });
    expect(await disableSecondFactor(user, codeFor(secret, 1), meta)).toEqual({ ok: true });
    expect(await signIn(user)).toMatchObject({ secondFactor: false });
    const admin = await newUser("ADMINISTRATOR");
    const enrolled = await enrol(admin);
    expect(await disableSecondFactor(admin, codeFor(enrolled.secret, 1), meta)).toMatchObject({ ok: false });
  });

  it(`${tagAsvs("V4.3.1")} requires the second factor of administrators only`, () => {
    expect(needsSecondFactor({ role: "ADMINISTRATOR", secondFactor: false })).toBe(true);
    expect(needsSecondFactor({ role: "ADMINISTRATOR", secondFactor: true })).toBe(false);
    expect(needsSecondFactor({ role: "MERCHANT", secondFactor: false })).toBe(false);
    expect(needsSecondFactor({ role: "CUSTOMER", secondFactor: false })).toBe(false);
  });
});
