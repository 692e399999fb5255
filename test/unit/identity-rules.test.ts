import { describe, expect, it } from "vitest";
import { emailSchema } from "@/lib/identity/input-schemas";
import { pauseAfter } from "@/lib/identity/lockout";
import { checkPasswordPolicy } from "@/lib/identity/password-policy";
import { toSafeCallbackPath } from "@/lib/identity/safe-redirect";
import { describeUserAgent } from "@/lib/security/user-agent";
import { addressNetwork, extractClientIp, rateLimitSubject } from "@/lib/security/client-ip";
import { tagAsvs } from "@/security/asvs-ids";

describe("lockout schedule", () => {
  it("allows three attempts, then pauses 5 s, doubling up to an hour", () => {
    expect([1, 2, 3].map(pauseAfter)).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7, 20, 400].map((n) => pauseAfter(n) / 1000)).toEqual([5, 10, 20, 40, 3600, 3600]);
  });
});

describe("password policy", () => {
  it.each([
    ["short", "Use at least 12 characters."],
    ["password1234", "This password is too common. Try a phrase of a few unrelated words."],
    ["Correct Horse Battery Staple", "This password is too common. Try a phrase of a few unrelated words."],
    ["aaaaaaaaaaaaaaaa", "Use a password with more variety."],
    ["x".repeat(129), "Use at most 128 characters."],
  ])(`${tagAsvs("V2.1.1", "V2.1.2", "V2.1.7")} refuses %s`, (password, message) => {
    expect(checkPasswordPolicy(password)).toBe(message);
  });

  it("refuses a password built on the email address", () => {
    expect(checkPasswordPolicy("marianne-2026-harbour", { email: "marianne@example.test" })).toMatch(/email/);
  });

  it(`${tagAsvs("V2.1.9")} accepts long, unusual passwords with no composition rules, measured in characters`, () => {
    expect(checkPasswordPolicy("lantern orbit velvet cactus")).toBeNull();
    expect(checkPasswordPolicy("🦊🌲🏔️🌊🦉🍄🌙⭐🔥🌈🐝🍂")).toBeNull();
  });
});

describe("email normalisation", () => {
  it("trims, lower-cases and NFC-normalises", () => {
    expect(emailSchema.parse("  Shopper@Northwind.TEST ")).toBe("shopper@northwind.test");
    expect(emailSchema.parse("Jose\u0301@example.test")).toBe("jos\u00e9@example.test");
    expect(emailSchema.parse("用户@例子.广告")).toBe("用户@例子.广告");
  });

  it.each([
    "no-at-sign",
    "a@b",
    "a @b.co",
    "a@b.c",
    "zero\u200bwidth@example.test",
    "ctrl\u0007@example.test",
    `${"a".repeat(65)}@example.test`,
    `a@${"b".repeat(260)}.com`,
  ])("rejects %j", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(false);
  });
});

describe(`${tagAsvs("V5.1.5")} callback URLs`, () => {
  const origin = "http://lumen.localhost:3000";
  it.each([
    ["/account?tab=orders", "/account?tab=orders"],
    ["http://lumen.localhost:3000/products/x", "/products/x"],
    ["https://evil.example/phish", "/"],
    ["//evil.example/phish", "/"],
    ["/\\evil.example", "/"],
    ["http://localhost:3000/account", "/"],
    ["javascript:alert(1)", "/"],
    ["/api/auth/signout", "/"],
    [null, "/"],
  ])("%s → %s", (requested, expected) => {
    expect(toSafeCallbackPath(requested, origin)).toBe(expected);
  });
});

describe("request metadata", () => {
  it(`${tagAsvs("V14.5.4")} uses the socket peer and ignores X-Forwarded-For when no proxy is trusted`, () => {
    expect(extractClientIp({ peer: "::ffff:127.0.0.1", forwardedFor: null }, 0)).toBe("127.0.0.1");
    expect(extractClientIp({ peer: "203.0.113.9", forwardedFor: "6.6.6.6" }, 0)).toBe("203.0.113.9");
  });

  it(`${tagAsvs("V14.5.4")} walks left past each trusted proxy`, () => {
    expect(extractClientIp({ peer: "10.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.2" }, 1)).toBe("198.51.100.2");
    expect(extractClientIp({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.2, 10.0.0.1" }, 2)).toBe(
      "198.51.100.2",
    );
    expect(extractClientIp({ peer: "10.0.0.1", forwardedFor: null }, 1)).toBe("");
  });

  it("drops a port a proxy wrote beside the address, so a connection is not a client of its own", () => {
    const client = (entry: string) => extractClientIp({ peer: "10.0.0.1", forwardedFor: entry }, 1);
    expect(client("203.0.113.77:51234")).toBe("203.0.113.77");
    expect(client("[2001:db8:4:5::9]:443")).toBe("2001:db8:4:5::9");
    expect(client("[2001:DB8:4:5::9]")).toBe("2001:DB8:4:5::9");
    expect(client("[::ffff:203.0.113.7]:8080")).toBe("203.0.113.7");
    expect(client("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    // An IPv6 address is not an address and a port.
    expect(client("2001:db8::1234")).toBe("2001:db8::1234");
    for (const entry of ["203.0.113.77:51234", "203.0.113.78:2"]) {
      expect(addressNetwork(client(entry))).toBe("203.0.113.0/24");
      expect(rateLimitSubject(client(entry))).toBe(entry.split(":")[0]);
    }
    // Whatever a proxy writes that is no address still has a group of its own.
    expect(addressNetwork("unknown")).toBe("unknown");
  });

  it("without our server's peer header, trusts X-Forwarded-For only behind configured proxies", () => {
    expect(extractClientIp({ peer: null, forwardedFor: "6.6.6.6, 198.51.100.2" }, 0)).toBe("");
    expect(extractClientIp({ peer: null, forwardedFor: "6.6.6.6, 198.51.100.2" }, 1)).toBe("198.51.100.2");
  });

  it("describes devices", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(describeUserAgent("")).toBe("Unknown device");
  });
});
