import { describe, expect, it } from "vitest";
import { buildOtpauthUri, decodeBase32, encodeBase32, generateTotp, matchTotp, timeStep } from "@/lib/identity/totp";
import { tagAsvs } from "@/security/asvs-ids";

// RFC 6238, appendix B: the SHA-1 rows (8 digits) for the ASCII secret "12345678901234567890".
const RFC_SECRET = Buffer.from("12345678901234567890");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP", () => {
  it.each(RFC_VECTORS)("matches RFC 6238 at T=%i", (seconds, code) => {
    expect(generateTotp(RFC_SECRET, timeStep(seconds * 1000), 8)).toBe(code);
    // The six-digit code an app shows is the last six of the same truncation.
    expect(generateTotp(RFC_SECRET, timeStep(seconds * 1000))).toBe(code.slice(2));
  });

  it("encodes base32 as authenticator apps read it, and back", () => {
    expect(encodeBase32(RFC_SECRET)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(decodeBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(RFC_SECRET);
    expect(() => decodeBase32("GEZD1")).toThrow();
  });

  it(`${tagAsvs("V2.8.1", "V2.8.4")} accepts one step of drift either way, never a code at or before the last one used`, () => {
    const now = 1_111_111_111_000;
    const step = timeStep(now);
    const code = (s: number) => generateTotp(RFC_SECRET, s);
    expect(matchTotp(RFC_SECRET, code(step), now, 0)).toBe(step);
    expect(matchTotp(RFC_SECRET, code(step - 1), now, 0)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, code(step + 1), now, 0)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, code(step - 2), now, 0)).toBeNull();
    expect(matchTotp(RFC_SECRET, code(step + 2), now, 0)).toBeNull();
    expect(matchTotp(RFC_SECRET, code(step), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, code(step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, ` ${code(step).slice(0, 3)} ${code(step).slice(3)} `, now, 0)).toBe(step);
    for (const junk of ["", "12345", "1234567", "abcdef", "12345a", "１２３４５６"]) {
      expect(matchTotp(RFC_SECRET, junk, now, 0), junk).toBeNull();
    }
  });

  it("builds the otpauth link with issuer and account escaped", () => {
    const uri = new URL(buildOtpauthUri("Northwind & Co", "ada@example.test", RFC_SECRET));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(uri.pathname).toBe("/Northwind%20%26%20Co:ada%40example.test");
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      issuer: "Northwind & Co",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});
