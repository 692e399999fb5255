import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyPassword } from "@/lib/identity/password";
import {
  decodeSessionToken,
  encodeSessionToken,
  isAccessExpired,
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

  it("treats the access claim as expired from its second on", () => {
    expect(isAccessExpired({ ...claims, aexp: 100 }, 99_999)).toBe(false);
    expect(isAccessExpired({ ...claims, aexp: 100 }, 100_000)).toBe(true);
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
  });
});
