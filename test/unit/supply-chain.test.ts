import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tagAsvs } from "@/security/asvs-ids";

// What the repository itself must never hold or allow: a committed secret, and a dependency that
// can change under a build (a version range, or a locked package without an integrity hash).

const root = path.resolve(import.meta.dirname, "../..");

const SECRET_PATTERNS: [string, RegExp][] = [
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["Stripe key", /\b[sr]k_(live|test)_[0-9a-zA-Z]{10,}/],
  ["Stripe webhook secret", /\bwhsec_[0-9a-zA-Z]{10,}/],
  ["AWS access key", /\bAKIA[0-9A-Z]{16}\b/],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{30,}/],
  ["Slack token", /\bxox[baprs]-[A-Za-z0-9-]{10,}/],
  ["Upstash or bearer token in a URL", /https?:\/\/[^\s/:@"'`]+:[^\s/@"'`]{12,}@/],
  [
    "assigned secret",
    /\b(NEXTAUTH_SECRET|STRIPE_SECRET_KEY|STRIPE_WEBHOOK_SECRET|UPSTASH_REDIS_REST_TOKEN|DATABASE_AUTH_TOKEN)=[^\s#]{8,}/,
  ],
];

// Values that look like secrets and are not, each with its reason.
const NOT_SECRETS = new Map([
  ["sk_test_bulwarkemulator", "the local Stripe emulator's fixed key; production refuses to start on the emulator"],
  ["whsec_bulwarkemulator", "the emulator's fixed webhook secret, same rule"],
  ["whsec_wrongsecret", "a test's deliberately wrong secret"],
  ["whsec_randomforthisboot", "a test's stand-in for a per-boot secret"],
  ["https://mailer:hunter2-password@", "a made-up relay password the mail tests check is never echoed"],
]);

/** Each finding in a text: the kind of secret and the matched value, allowed values left out. */
export function findSecrets(text: string): { kind: string; value: string }[] {
  const found: { kind: string; value: string }[] = [];
  for (const [kind, pattern] of SECRET_PATTERNS) {
    for (const match of text.matchAll(new RegExp(pattern, "g"))) {
      if (!NOT_SECRETS.has(match[0])) found.push({ kind, value: match[0] });
    }
  }
  return found;
}

describe(`${tagAsvs("V2.10.4")} no secret committed`, () => {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);

  it("finds a planted secret of every kind it looks for, and lets the named fixtures through", () => {
    const planted = [
      // Spelled in pieces, so this file itself holds no secret-shaped text for the scan to find.
      ["-----BEGIN RSA", "PRIVATE KEY-----"].join(" "),
      `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`,
      `whsec_${"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}`,
      `AKIA${"IOSFODNN7EXAMPLE"}`,
      `ghp_${"a".repeat(36)}`,
      `xoxb-${"1234567890-abcdef"}`,
      `https://default:${"AX1234567890abcdefgh"}@eu1-upstash.example`,
      `${["NEXTAUTH", "SECRET"].join("_")}=${"x".repeat(40)}`,
    ];
    expect(planted.map((text) => findSecrets(text).length)).toEqual(planted.map(() => 1));
    expect(findSecrets([...NOT_SECRETS.keys()].join("\n"))).toEqual([]);
  });

  it("no tracked file holds a key, token or secret", () => {
    const findings = tracked.flatMap((file) => {
      const bytes = readFileSync(path.join(root, file));
      if (bytes.includes(0)) return [];
      return findSecrets(bytes.toString("utf8")).map((finding) => `${file}: ${finding.kind}`);
    });
    expect(findings).toEqual([]);
  });

  it("no environment file or key file is tracked (only .env.example, with every value empty)", () => {
    expect(tracked.filter((file) => /(^|\/)\.env(\.|$)|\.(pem|key|p12)$|(^|\/)data\//.test(file))).toEqual([
      ".env.example",
    ]);
    const assigned = readFileSync(path.join(root, ".env.example"), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=./.test(line));
    expect(assigned).toEqual([]);
  });
});

describe(`${tagAsvs("V10.3.2")} dependencies cannot change under a build`, () => {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<
    string,
    Record<string, string>
  >;
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string; integrity?: string; inBundle?: boolean; link?: boolean }>;
  };

  it("every dependency is pinned to an exact version", () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const ranges = Object.entries(declared).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranges).toEqual([]);
  });

  it("the lock file installs exactly those versions, each with an integrity hash", () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const locked = Object.entries(declared).filter(
      ([name, version]) => lock.packages[`node_modules/${name}`]?.version !== version,
    );
    expect(locked).toEqual([]);
    const unhashed = Object.entries(lock.packages).filter(
      ([name, entry]) => name !== "" && !entry.integrity && !entry.inBundle && !entry.link,
    );
    expect(unhashed.map(([name]) => name)).toEqual([]);
  });
});
