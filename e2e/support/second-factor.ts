import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { decodeBase32, generateTotp, timeStep } from "../../lib/identity/totp";
import { DEMO_PASSWORD, signInThroughForm } from "./flows";

// The demo administrator must use two-step verification. The setup project (admin.setup.ts)
// enrols it once per run through the console, as a new administrator would, and keeps its key and
// recovery codes here for the tests that sign in as it later.

const PORT = Number(process.env.E2E_PORT || 3100);

export const ADMIN_EMAIL = "admin@bulwark.test";

/**
 * An administrator the e2e run signs in as. Each sign-in costs the account two of its 20 sign-in
 * requests per 15 minutes (password, then code), so the suite spreads its console work over two
 * administrators: the demo one, and one `npm run admin:create` makes in the setup project.
 */
export type AdminAccount = { email: string; password: string; key: string };
export const DEMO_ADMIN: AdminAccount = { email: ADMIN_EMAIL, password: DEMO_PASSWORD, key: "demo" };
export const SECOND_ADMIN: AdminAccount = {
  email: "ops-e2e@bulwark.test",
  password: "quartz harbour meadow kite lantern",
  key: "ops",
};

const stateDir = (admin: AdminAccount) => path.join(tmpdir(), `bulwark-e2e-${PORT}-admin-${admin.key}`);
const stateFile = (admin: AdminAccount) => path.join(stateDir(admin), "enrolment.json");
export const adminUrl = (p: string) => `http://admin.localhost:${PORT}${p}`;

type Enrolment = { secret: string; recoveryCodes: string[] };

/** The current code of an authenticator holding this key (`offset` steps ahead). */
export function totpCode(secret: string, offset = 0): string {
  return generateTotp(decodeBase32(secret), timeStep(Date.now()) + offset);
}

export function saveAdminEnrolment(enrolment: Enrolment, admin: AdminAccount = DEMO_ADMIN): void {
  rmSync(stateDir(admin), { recursive: true, force: true });
  mkdirSync(stateDir(admin), { recursive: true });
  writeFileSync(stateFile(admin), JSON.stringify(enrolment));
}

/**
 * A recovery code no other test has taken: each is single-use, and tests in parallel workers
 * would otherwise race for the same authenticator time step. Claimed by creating a file
 * exclusively, which one process wins.
 */
function claim(admin: AdminAccount, name: string): boolean {
  try {
    closeSync(openSync(path.join(stateDir(admin), name), "wx"));
    return true;
  } catch {
    return false;
  }
}

/** A second factor for the administrator that no other test uses. */
export async function claimCode(admin: AdminAccount = DEMO_ADMIN): Promise<string> {
  const { secret, recoveryCodes } = JSON.parse(readFileSync(stateFile(admin), "utf8")) as Enrolment;
  for (const [index, code] of recoveryCodes.entries()) if (claim(admin, `claimed-${index}`)) return code;
  // Once they are spent: the app's code one step ahead, each step taken by one test only, in
  // order (the server accepts a step only after the last one it accepted).
  for (;;) {
    const next = timeStep(Date.now()) + 1;
    if (claim(admin, `step-${next}`)) return generateTotp(decodeBase32(secret), next);
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  }
}

/** Signs in as an administrator (the demo one unless told) with its password and a second factor, and waits for the console. */
export async function signInAsAdministrator(
  page: Page,
  next = "/admin",
  admin: AdminAccount = DEMO_ADMIN,
): Promise<void> {
  await signInThroughForm(
    page,
    admin.email,
    admin.password,
    adminUrl(`/admin/sign-in?callbackUrl=${encodeURIComponent(next)}`),
  );
  await page.getByLabel("Verification code").fill(await claimCode(admin));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"), { timeout: 15_000 });
  await expect(page.getByRole("navigation", { name: "Administration" })).toBeVisible();
}
