import type { Page } from "@playwright/test";
import { expect } from "../fixtures";
import { openE2eDatabase } from "./database";
import { signInAndWait } from "./flows";

// The merchant's side of an invitation, as a real user lives it (e2e/onboarding.spec.ts,
// e2e/store-settings.spec.ts): the link from the mail, a name and password, then sign in.

/** The newest invitation mail to `email` (other mail, such as a new sign-in notice, may be newer). */
function readLatestInvitation(email: string): { subject: string; text: string } | undefined {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        `SELECT subject, text FROM "OutboundEmail" WHERE "to" = ? AND subject LIKE '%invited%' ORDER BY createdAt DESC LIMIT 1`,
      )
      .get(email) as { subject: string; text: string } | undefined;
  } finally {
    db.close();
  }
}

/** The invitation link from the newest invitation mail to `email`, as a real user would read it. */
export function invitationLink(email: string): string {
  const mail = readLatestInvitation(email);
  expect(mail?.subject).toContain("invited");
  const link = /https?:\/\/\S+\/invite\?token=[\w-]+/.exec(mail!.text)?.[0];
  expect(link, "an invitation link in the mail").toBeTruthy();
  return link!;
}

/** Opens an invitation link, sets a name and password, and signs in from the link the page offers. */
export async function acceptAndSignIn(page: Page, link: string, email: string, password: string, storeName: string) {
  await page.goto(link);
  await expect(page.getByTestId("invitation-summary")).toContainText(email);
  await page.getByLabel("Name").fill("Invited Person");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page.getByRole("status")).toContainText("Welcome to the team");
  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signInAndWait(page, email, password, page.url());
  await expect(page.getByRole("heading", { name: `${storeName} dashboard` })).toBeVisible();
}
