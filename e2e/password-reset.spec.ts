import { expect, test } from "./fixtures";
import { readLatestMail } from "./support/database";
import { registerNewShopper, signInAndWait } from "./support/flows";

test("a shopper who forgot their password gets a link, sets a new one, and the old one stops working", async ({
  page,
}) => {
  const email = await registerNewShopper(page, "lantern orbit velvet cactus");
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: wait until the client navigation has arrived.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${email} has an account here`);

  // The mail is queued after the answer (so its timing tells nothing): wait for it.
  await expect.poll(() => readLatestMail(email)?.subject).toContain("Choose a new password");
  const mail = readLatestMail(email);
  const link = new URL(/https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail!.text)![0]);
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password", { exact: true }).fill("quartz meadow lantern drift");
  await page.getByLabel("New password again").fill("quartz meadow lantern drift");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  // The link is single-use.
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password", { exact: true }).fill("another fresh passphrase");
  await page.getByLabel("New password again").fill("another fresh passphrase");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This link is not valid any more" })).toBeVisible();

  await signInAndWait(page, email, "quartz meadow lantern drift");
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});

test("an unknown email gets the same answer and no link", async ({ page }) => {
  const email = `nobody-${Date.now()}@example.test`;
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${email} has an account here`);
  await expect.poll(() => readLatestMail(email)?.subject).toContain("Password reset at");
  expect(readLatestMail(email)?.text).not.toContain("reset-password?token=");
});

test("an action counts its own class itself (the middleware counts actions only as page traffic)", async ({ page }) => {
  test.setTimeout(120_000);
  // Ten reset requests an address may make in 15 minutes; the eleventh is refused by the action.
  const outcomes: string[] = [];
  for (let i = 0; i < 11; i++) {
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(`class-${i}-${Date.now()}@example.test`);
    await page.getByRole("button", { name: "Send me a link" }).click();
    const answer = page.getByRole("status").or(page.locator("form [role=alert]"));
    outcomes.push((await answer.first().textContent({ timeout: 15_000 })) ?? "");
  }
  expect(outcomes.slice(0, 10).every((text) => text.includes("has an account here"))).toBe(true);
  expect(outcomes[10]).toContain("Too many attempts from you");
});
