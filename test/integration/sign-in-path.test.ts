import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { buildDeviceCookie, readTrustedDevice, withSignInEpochs } from "@/lib/identity/device-cookie";
import { raiseCredentialEpoch } from "@/lib/identity/session-store";
import { authenticateCredentials } from "@/lib/identity/sign-in";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { DEMO_PASSWORD } from "@/prisma/seed-data/stores";

// Issue 14, item 3: one sign-in request reads the account's credential epoch once, where the
// per-account limit, the credentials check and the new device cookie each read it before. The
// client logs its SQL so the reads can be counted. (better-sqlite3 project only.)

const logged: string[] = [];
let northwind: TenantDto;
const meta = { ip: "203.0.113.7", userAgent: "vitest", route: "/api/auth/callback/credentials" };
const email = "shopper@northwind.test";

beforeAll(async () => {
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!.replace(/^file:/, "") }),
    log: [{ level: "query", emit: "event" }],
  });
  (client as unknown as { $on(event: "query", listener: (event: { query: string }) => void): void }).$on(
    "query",
    (event) => logged.push(event.query),
  );
  (globalThis as { bulwarkDb?: Promise<unknown> }).bulwarkDb = Promise.resolve(client);
  northwind = (await findTenantByHost("localhost"))!;
});

/** The steps of one sign-in request that need the epoch, in the order the route runs them. */
async function signInSteps(cookieHeader: string) {
  const counted = await readTrustedDevice(cookieHeader, northwind.id, email);
  const checked = await readTrustedDevice(cookieHeader, northwind.id, email);
  const user = await authenticateCredentials({
    tenant: northwind,
    email,
    password: DEMO_PASSWORD,
    honeypot: "",
    meta,
    ...(checked ? { deviceId: checked } : {}),
  });
  const issued = await buildDeviceCookie(northwind.id, email);
  return { counted, checked, user, issued };
}

const userReads = () => logged.filter((sql) => /FROM `main`\.`User`/.test(sql)).length;

describe("the sign-in path", () => {
  it("reads the account once for the device cookie and once for the password, not four times", async () => {
    const cookie = (await buildDeviceCookie(northwind.id, email)).split(";")[0]!;
    logged.length = 0;
    const steps = await withSignInEpochs(() => signInSteps(cookie));
    expect(steps.counted).toBeDefined();
    expect(steps.checked).toBe(steps.counted);
    expect(steps.user).toMatchObject({ email });
    expect(steps.issued).toMatch(/device=/);
    expect(userReads()).toBe(2);
    // Without a device cookie, the account row the password check reads gives the new cookie's epoch.
    logged.length = 0;
    await withSignInEpochs(() => signInSteps(""));
    expect(userReads()).toBe(1);
  });

  it("remembers nothing from one request to the next: a raised epoch ends the cookie's trust", async () => {
    const cookie = (await buildDeviceCookie(northwind.id, email)).split(";")[0]!;
    expect(await withSignInEpochs(() => readTrustedDevice(cookie, northwind.id, email))).toBeDefined();
    const user = await authenticateCredentials({
      tenant: northwind,
      email,
      password: DEMO_PASSWORD,
      honeypot: "",
      meta,
    });
    await raiseCredentialEpoch(user as { id: string; tenantId: string });
    expect(await withSignInEpochs(() => readTrustedDevice(cookie, northwind.id, email))).toBeUndefined();
    expect(await readTrustedDevice(cookie, northwind.id, email)).toBeUndefined();
  });
});
