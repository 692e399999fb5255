import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "@playwright/test";
import { waitForDeliveredMail } from "./support/mailbox";
import { expect, storeUrl, test } from "./fixtures";
import { openE2eDatabase, readLatestMail } from "./support/database";
import { signInAsAdministrator } from "./support/second-factor";

// Issue 15, item 1: the administrators' dead letters with their retry, and "send me a new
// confirmation link" through the real form, guard and limits.

const ADMIN = (p: string) => storeUrl("admin.localhost", p);
const SHOP = (p: string) => storeUrl("localhost", p);
// Node's resolver does not know *.localhost: API calls go to localhost and name the host.
const ADMIN_HOST = new URL(ADMIN("/")).host;
const retryUrl = (id: string) => SHOP(`/api/admin/mail/${id}/retry`);

/** A message the worker gave up on (the shop's relay accepts every message, so none dies by itself). */
function insertDeadLetter(subject: string): string {
  const db = new Database(path.resolve("data/e2e.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const tenant = db.prepare(`SELECT id FROM "Tenant" WHERE slug = 'northwind'`).get() as { id: string };
    const id = `dead${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const now = new Date().toISOString().replace("Z", "+00:00");
    db.prepare(
      `INSERT INTO "OutboundEmail" (id, tenantId, "to", subject, text, html, status, attempts, nextAttemptAt, lastError, deadAt, createdAt)
       VALUES (?, ?, 'lost@example.test', ?, 'Open http://x/verify-email?token=SECRET-BODY-TOKEN', '<p>SECRET-BODY-TOKEN</p>',
               'DEAD', 6, ?, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525', ?, ?)`,
    ).run(id, tenant.id, subject, now, now, now);
    return id;
  } finally {
    db.close();
  }
}

function mailRow(id: string) {
  const db = openE2eDatabase();
  try {
    return db.prepare(`SELECT status, attempts FROM "OutboundEmail" WHERE id = ?`).get(id) as
      { status: string; attempts: number } | undefined;
  } finally {
    db.close();
  }
}

test.describe("mail in the administrator console", () => {
  // The admin host has no favicon (an expected 404); a refused sender name is an expected 400.
  test.use({ allowedConsoleErrors: /status of 40[04]/ });

  test("an administrator sets a store's sender name and Reply-To; a name that could break a header is refused", async ({
    page,
  }) => {
    const sender = () => {
      const db = openE2eDatabase();
      try {
        return db.prepare(`SELECT mailSenderName, mailReplyTo FROM "Tenant" WHERE slug = 'lumen'`).get();
      } finally {
        db.close();
      }
    };
    await signInAsAdministrator(page);
    await page.goto(ADMIN("/admin/tenants/lumen"));
    const mail = page.getByRole("region", { name: "Mail" });
    await mail.getByLabel("Sender name").fill("Lumen <Help>");
    await mail.getByRole("button", { name: "Save" }).click();
    await expect(mail.getByRole("alert")).toBeVisible();
    expect(sender()).toEqual({ mailSenderName: null, mailReplyTo: null });

    await mail.getByLabel("Sender name").fill("Lumen Help Desk");
    await mail.getByLabel("Reply-To").fill("help@lumen.test");
    await mail.getByRole("button", { name: "Save" }).click();
    await expect(mail.getByText("Mail sender saved.")).toBeVisible();
    expect(sender()).toEqual({ mailSenderName: "Lumen Help Desk", mailReplyTo: "help@lumen.test" });

    // Empty fields: back to the defaults (the store's name, no Reply-To).
    await page.reload();
    await mail.getByLabel("Sender name").fill("");
    await mail.getByLabel("Reply-To").fill("");
    await mail.getByRole("button", { name: "Save" }).click();
    await expect(mail.getByText("Mail sender saved.")).toBeVisible();
    expect(sender()).toEqual({ mailSenderName: null, mailReplyTo: null });
  });

  test("an administrator sees dead-lettered mail, never its body, and sends it again (audited)", async ({
    page,
    request,
  }) => {
    const subject = `Lost mail ${Date.now()}`;
    const id = insertDeadLetter(subject);

    // Nobody else can retry it: signed out, the route asks for a session and changes nothing.
    const refused = await request.post(retryUrl(id), { data: {}, headers: { host: ADMIN_HOST } });
    expect(refused.status()).toBe(401);
    expect(mailRow(id)?.status).toBe("DEAD");

    await signInAsAdministrator(page);
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Mail" }).click();
    await expect(page.getByRole("heading", { name: "Mail delivery" })).toBeVisible();
    const row = page.getByTestId("dead-letters").getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("lost@example.test");
    await expect(row).toContainText("ECONNREFUSED");
    await expect(row).toContainText("Northwind Outfitters");
    expect(await page.content()).not.toContain("SECRET-BODY-TOKEN");

    await row.getByRole("button", { name: `Retry ${subject}` }).click();
    await expect(page.getByTestId("dead-letters").getByText(subject)).toHaveCount(0);
    // Back in the queue with a fresh count of attempts, and the shop's worker sends it to the relay.
    const delivered = await waitForDeliveredMail("lost@example.test", 1);
    expect(delivered.map((mail) => mail.subject)).toContain(subject);
    await expect.poll(() => mailRow(id)?.status).toBe("SENT");
    await page.goto(ADMIN("/admin/events?type=admin.action"));
    await expect(page.getByTestId("security-events")).toContainText("mail.retry");
    // Twice is a conflict, not a second set of attempts.
    const cookie = (await page.context().cookies(ADMIN("/"))).map((c) => `${c.name}=${c.value}`).join("; ");
    const again = await request.post(retryUrl(id), { data: {}, headers: { host: ADMIN_HOST, cookie } });
    expect(again.status()).toBe(409);
  });
});

async function askForNewLink(page: Page, email: string): Promise<string> {
  await page.goto(SHOP("/verify-email"));
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send me a new link" }).click();
  // Within the form's section: Next.js's route announcer is an (empty) alert too.
  const section = page.getByRole("region", { name: "No email, or the link expired?" });
  const answer = section.getByRole("status").or(section.getByRole("alert"));
  await expect(answer).toBeVisible();
  return (await answer.textContent()) ?? "";
}

test("a new confirmation link: one answer for every address, and the old link dies", async ({ page }) => {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const unknown = `nobody-${stamp}@example.test`;
  const pending = `pending-${stamp}@example.test`;
  const same = (text: string, email: string) => text.replace(email, "<email>");

  await page.goto(SHOP("/register"));
  await page.getByLabel("Name").fill("Pat Pending");
  await page.getByLabel("Email").fill(pending);
  await page.getByLabel("Password", { exact: true }).fill("a long pending passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(pending);
  const firstLink = /verify-email\?token=[\w-]+/.exec(readLatestMail(pending)!.text)![0];

  const answers = [
    same(await askForNewLink(page, unknown), unknown),
    same(await askForNewLink(page, "shopper@northwind.test"), "shopper@northwind.test"),
    same(await askForNewLink(page, pending), pending),
  ];
  expect(new Set(answers).size).toBe(1);
  expect(answers[0]).toContain("If <email> has an account here that still needs confirming");

  // The new link (queued just after the answer) works; the first one no longer does.
  await expect.poll(() => readLatestMail(pending)?.text.includes(firstLink.split("=")[1]!)).toBe(false);
  const newLink = /verify-email\?token=[\w-]+/.exec(readLatestMail(pending)!.text)![0];
  expect(readLatestMail(unknown)).toBeUndefined();
  expect(newLink).not.toBe(firstLink);
  await page.goto(SHOP(`/${firstLink}`));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();
  await page.goto(SHOP(`/${newLink}`));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("status").first()).toContainText("Your email is confirmed");
});

test("a new confirmation link is limited per address: the fourth request in an hour is refused", async ({ page }) => {
  // Three requests an hour per address, whoever asks: the fourth is refused in the form.
  const target = `limited-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  for (let i = 0; i < 3; i++) expect(await askForNewLink(page, target)).toContain("If " + target);
  expect(await askForNewLink(page, target)).toContain("Too many attempts for this email address");
});
