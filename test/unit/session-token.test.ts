import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  hashPassword,
  needsRehash,
  PASSWORD_HASH_PARAMS,
  verifyAgainstDummy,
  verifyPassword,
} from "@/lib/identity/password";
import {
  csrfCookieName,
  decodeSessionToken,
  encodeSessionToken,
  isAccessExpired,
  isSessionClaims,
  sessionCookieName,
  type SessionClaims,
} from "@/lib/identity/session-token";
import { tagAsvs } from "@/security/asvs-ids";

const claims: SessionClaims = {
  sub: "u1",
  tid: "t1",
  role: "CUSTOMER",
  fid: "f1",
  rt: "r".repeat(43),
  aexp: 2_000_000_000,
  email: "a@b.co",
};

describe("session token", () => {
  it("round-trips the claims through encryption", async () => {
    const token = await encodeSessionToken(claims, 600);
    expect(token).not.toContain(claims.rt);
    expect(await decodeSessionToken(token)).toMatchObject(claims);
  });

  it(`${tagAsvs("V3.5.3", "V6.2.1")} rejects tampered, foreign and oversized tokens`, async () => {
    const token = await encodeSessionToken(claims, 600);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeSessionToken(tampered)).toBeNull();
    expect(await decodeSessionToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).toBeNull();
    expect(await decodeSessionToken("x".repeat(5000))).toBeNull();
    expect(await decodeSessionToken(undefined)).toBeNull();
  });

  it("refuses a genuine token above the 4096-byte cookie limit and accepts one at it", async () => {
    // The name pads the payload: find the padding that lands the token exactly on the limit.
    const tokenWithName = (length: number) => encodeSessionToken({ ...claims, name: "n".repeat(length) }, 600);
    let length = 2500;
    let token = await tokenWithName(length);
    while (token.length < 4096) token = await tokenWithName(++length);
    expect(token.length).toBe(4096);
    expect(await decodeSessionToken(token)).toMatchObject({ sub: claims.sub });
    expect(await decodeSessionToken(await tokenWithName(length + 8))).toBeNull();
  });

  it("decodes only tokens that carry every claim with its type and a known role", async () => {
    for (const role of ["CUSTOMER", "MERCHANT", "ADMINISTRATOR"] as const) {
      expect(await decodeSessionToken(await encodeSessionToken({ ...claims, role }, 600))).toMatchObject({ role });
    }
    const forged = (changes: Record<string, unknown>) =>
      encodeSessionToken({ ...claims, ...changes } as unknown as SessionClaims, 600);
    for (const field of ["sub", "tid", "fid", "rt", "aexp", "role"]) {
      expect(await decodeSessionToken(await forged({ [field]: undefined })), field).toBeNull();
      expect(
        await decodeSessionToken(await forged({ [field]: field === "aexp" ? "2000000000" : 1 })),
        field,
      ).toBeNull();
    }
    expect(await decodeSessionToken(await forged({ role: "ROOT" }))).toBeNull();
    expect(await decodeSessionToken(await forged({ role: "customer" }))).toBeNull();
  });

  it("refuses values that are not claim objects without throwing", () => {
    for (const value of [null, undefined, 0, "", "claims", true]) expect(isSessionClaims(value)).toBe(false);
    expect(isSessionClaims({ ...claims })).toBe(true);
  });

  it("treats the access claim as expired from its second on", () => {
    expect(isAccessExpired({ ...claims, aexp: 100 }, 99_999)).toBe(false);
    expect(isAccessExpired({ ...claims, aexp: 100 }, 100_000)).toBe(true);
  });
});

describe("session cookies", () => {
  afterEach(() => vi.unstubAllEnvs());
  // next-auth writes the CSRF cookie itself: the name we read it under must be the one it writes.
  const nextAuthCookies = createRequire(import.meta.url)(
    path.join(path.dirname(createRequire(import.meta.url).resolve("next-auth")), "core/lib/cookie.js"),
  ) as { defaultCookies: (secure: boolean) => { csrfToken: { name: string } } };

  it(`${tagAsvs("V3.4.4")} are host-only (__Host-) in production and plain in development`, () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(sessionCookieName()).toBe("__Host-bulwark.session");
    expect(csrfCookieName()).toBe(nextAuthCookies.defaultCookies(true).csrfToken.name);
    expect(csrfCookieName()).toMatch(/^__Host-/);
    vi.stubEnv("NODE_ENV", "development");
    expect(sessionCookieName()).toBe("bulwark.session");
    expect(csrfCookieName()).toBe(nextAuthCookies.defaultCookies(false).csrfToken.name);
    vi.stubEnv("NODE_ENV", "test");
    expect(sessionCookieName()).toBe("bulwark.session");
  });
});

describe("password hashing", () => {
  it(`${tagAsvs("V2.4.1", "V6.2.2")} uses argon2id with OWASP's parameters and verifies`, async () => {
    const stored = await hashPassword("lantern orbit velvet cactus");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(PASSWORD_HASH_PARAMS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(stored, "lantern orbit velvet cactus")).toBe(true);
    expect(await verifyPassword(stored, "lantern orbit velvet cactuS")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("asks for a rehash of weaker or foreign hashes", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    expect(needsRehash("$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    expect(needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
    expect(needsRehash("$argon2id$v=19$m=19456,t=2,p=4$c2FsdHNhbHQ$aGFzaA")).toBe(true);
    // Only a hash that starts in today's format counts as one.
    expect(needsRehash("x$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(true);
  });

  it("keeps hashes made with stronger parameters than today's", () => {
    expect(needsRehash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(false);
    expect(needsRehash("$argon2id$v=19$m=19456,t=10,p=1$c2FsdHNhbHQ$aGFzaA")).toBe(false);
  });

  it(`${tagAsvs("V7.2.1")} spends a real verification's work on a sign-in without an account, and never succeeds`, async () => {
    const stored = await hashPassword("lantern orbit velvet cactus");
    expect(await verifyAgainstDummy("bulwark-dummy-password-for-timing")).toBe(false);
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      return times.sort((x, y) => x - y)[2]!;
    };
    const real = await median(() => verifyPassword(stored, "wrong guess"));
    const dummy = await median(() => verifyAgainstDummy("wrong guess"));
    // Same argon2id parameters, so the same order of time; a skipped check takes well under 1 %, so
    // a tenth leaves room for a loaded machine and still catches it.
    expect(dummy).toBeGreaterThan(real / 10);
  });
});
