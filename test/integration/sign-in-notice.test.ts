import { beforeAll, describe, expect, it, vi } from "vitest";
import { getPlatformDb } from "@/lib/db";
import { buildAuthOptions } from "@/lib/identity/auth-options";
import { buildDeviceCookie } from "@/lib/identity/device-cookie";
import { DEMO_PASSWORD } from "@/prisma/seed-data/stores";
import { runInRequestScope } from "../support/next-request-scope";
import { getTenantIds, type SeededTenantIds } from "../support/db";

vi.mock("next/headers", () => import("../support/next-request-scope"));

// Issue 15, item 1: merchants and administrators hear of a sign-in from a browser their account
// has not used before; a trusted device (its cookie) and shoppers do not get the mail.

let ids: SeededTenantIds;
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

beforeAll(async () => {
  ids = await getTenantIds();
});

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

async function signIn(host: string, email: string, cookie = "") {
  const provider = buildAuthOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  const headers = { host, "user-agent": CHROME, "x-bulwark-peer-ip": "198.51.100.23", cookie };
  const { result } = await runInRequestScope(new Headers(headers), null, () =>
    provider.options.authorize({ email, password: DEMO_PASSWORD, website: "", otp: "" }, { headers }),
  );
  return result;
}

const noticesTo = async (to: string) =>
  (await getPlatformDb()).outboundEmail.findMany({ where: { to, subject: { startsWith: "New sign-in" } } });

describe("new sign-in notice", () => {
  it("mails a merchant signing in from a new browser: when, which browser, which network, where to look", async () => {
    const email = "merchant@northwind.test";
    // Through another of the store's names, on a port the client chose: the mail's link is the store's own.
    expect(await signIn("northwind.localhost:31337", email)).toMatchObject({ email });
    const [mail, ...more] = await noticesTo(email);
    expect(more).toHaveLength(0);
    expect(mail!.tenantId).toBe(ids.northwind);
    expect(mail!.subject).toBe("New sign-in to your Northwind Outfitters account");
    expect(mail!.text).toContain("Browser: Chrome on Linux");
    expect(mail!.text).toContain("Network: 198.51.100.0/24");
    expect(mail!.text).not.toContain("198.51.100.23");
    expect(mail!.text).toContain(`http://localhost:${process.env.PORT ?? 3000}/account`);
    expect(mail!.text).not.toContain("31337");
  });

  it("stays quiet for a browser the merchant's account already trusts", async () => {
    const email = "merchant@lumen.test";
    const cookie = (await buildDeviceCookie(ids.lumen, email)).split(";")[0]!;
    expect(await signIn("lumen.localhost", email, cookie)).toMatchObject({ email });
    expect(await noticesTo(email)).toHaveLength(0);
    // The same browser without its cookie is a new one.
    expect(await signIn("lumen.localhost", email)).toMatchObject({ email });
    expect(await noticesTo(email)).toHaveLength(1);
  });

  it("does not mail shoppers, nor anyone whose sign-in failed", async () => {
    expect(await signIn("localhost", "shopper@northwind.test")).toMatchObject({ email: "shopper@northwind.test" });
    expect(await noticesTo("shopper@northwind.test")).toHaveLength(0);
    const provider = buildAuthOptions().providers[0] as unknown as { options: { authorize: Authorize } };
    const headers = { host: "localhost", "user-agent": CHROME, "x-bulwark-peer-ip": "198.51.100.24" };
    await runInRequestScope(new Headers(headers), null, () =>
      provider.options.authorize(
        { email: "merchant@northwind.test", password: "wrong password here", website: "", otp: "" },
        { headers },
      ),
    );
    expect(await noticesTo("merchant@northwind.test")).toHaveLength(1);
  });
});
