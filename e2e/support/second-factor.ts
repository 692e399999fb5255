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
const STATE_DIR = path.join(tmpdir(), `bulwark-e2e-${PORT}-admin`);
const STATE_FILE = path.join(STATE_DIR, "enrolment.json");

export const ADMIN_EMAIL = "admin@bulwark.test";
export const adminUrl = (p: string) => `http://admin.localhost:${PORT}${p}`;

type Enrolment = { secret: string; recoveryCodes: string[] };

/** The current code of an authenticator holding this key (`offset` steps ahead). */
export function totpCode(secret: string, offset = 0): string {
  return generateTotp(decodeBase32(secret), timeStep(Date.now()) + offset);
}

export function saveAdminEnrolment(enrolment: Enrolment): void {
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(enrolment));
}

/**
 * A recovery code no other test has taken: each is single-use, and tests in parallel workers
 * would otherwise race for the same authenticator time step. Claimed by creating a file
 * exclusively, which one process wins.
 */
function claim(name: string): boolean {
  try {
    closeSync(openSync(path.join(STATE_DIR, name), "wx"));
    return true;
  } catch {
    return false;
  }
}

/** A second factor for the demo administrator that no other test uses. */
export async function claimCode(): Promise<string> {
  const { secret, recoveryCodes } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as Enrolment;
  for (const [index, code] of recoveryCodes.entries()) if (claim(`claimed-${index}`)) return code;
  // Once they are spent: the app's code one step ahead, each step taken by one test only, in
  // order (the server accepts a step only after the last one it accepted).
  for (;;) {
    const next = timeStep(Date.now()) + 1;
    if (claim(`step-${next}`)) return generateTotp(decodeBase32(secret), next);
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  }
}

/** Signs in as the demo administrator with its password and a second factor, and waits for the console. */
export async function signInAsAdministrator(page: Page, next = "/admin"): Promise<void> {
  await signInThroughForm(
    page,
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    adminUrl(`/admin/sign-in?callbackUrl=${encodeURIComponent(next)}`),
  );
  await page.getByLabel("Verification code").fill(await claimCode());
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"), { timeout: 15_000 });
  await expect(page.getByRole("navigation", { name: "Administration" })).toBeVisible();
}
