import { describe, expect, it } from "vitest";
import { createOpaqueToken, hashOpaqueToken } from "@/lib/identity/opaque-token";
import { tagAsvs } from "@/security/asvs-ids";

// Refresh credentials, email links and guest cart tokens are all opaque tokens: their size is
// what makes guessing one hopeless, so it is pinned here.

describe(`${tagAsvs("V3.2.2")} opaque tokens`, () => {
  it("carry 256 bits as 43 URL-safe characters, and never repeat", () => {
    const tokens = Array.from({ length: 2000 }, createOpaqueToken);
    expect(new Set(tokens.map((token) => token.length))).toEqual(new Set([43]));
    expect(tokens.every((token) => /^[A-Za-z0-9_-]{43}$/.test(token))).toBe(true);
    expect(Buffer.from(tokens[0]!, "base64url")).toHaveLength(32);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as a SHA-256 digest, never as themselves", () => {
    const token = createOpaqueToken();
    expect(hashOpaqueToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(token)).not.toContain(token);
  });
});
