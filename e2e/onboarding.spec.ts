import type { Browser, Page } from "@playwright/test";
import { clientIpFor, expect, storeUrl, test } from "./fixtures";
import { acceptAndSignIn, invitationLink } from "./support/onboarding";
import { adminUrl, SECOND_ADMIN, signInAsAdministrator } from "./support/second-factor";

// Issue 16, item 1: a store the administrator creates can be run. The administrator invites its
// merchant, who sets a password on the store's own host, signs in and invites staff; removing the
// staff member ends their access at once.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function newPerson(browser: Browser, key: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor(key) } });
  return context.newPage();
}

test.describe("onboarding a store", () => {
  // The console's host has no favicon (an expected 404).
  test.use({ allowedConsoleErrors: /status of 404/ });

  test("the administrator invites a new store's merchant, who invites staff, then removes them", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const slug = `onboard-${unique()}`;
    const host = `${slug}.localhost`;
    const storeName = "Onboarding Outfitters";
    const ownerEmail = `owner-${unique()}@example.test`;
    const staffEmail = `staff-${unique()}@example.test`;

    await signInAsAdministrator(page, "/admin", SECOND_ADMIN);
    await page.getByLabel("Name").fill(storeName);
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Host").fill(host);
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page.getByText(`Store ${storeName} created.`)).toBeVisible();

    await page.goto(adminUrl(`/admin/tenants/${slug}`));
    const invitations = page.getByRole("region", { name: "Merchant invitations" });
    await invitations.getByLabel("Email to invite").fill(ownerEmail);
    await invitations.getByRole("button", { name: "Send invitation" }).click();
    await expect(invitations.getByText(`Invitation sent to ${ownerEmail}.`)).toBeVisible();
    await expect(invitations.getByTestId("pending-invitations")).toContainText(ownerEmail);

    // The link names the store's own host, not the console's.
    const ownerLink = invitationLink(ownerEmail);
    expect(new URL(ownerLink).host).toBe(new URL(storeUrl(host)).host);
    const owner = await newPerson(browser, `owner-${slug}`);
    await acceptAndSignIn(owner, ownerLink, ownerEmail, "owner of a brand new shop", storeName);

    await owner.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
    await expect(owner.getByTestId("team-members")).toContainText(ownerEmail);
    await owner.getByLabel("Email to invite").fill(staffEmail);
    await owner.getByLabel("Role").selectOption("STAFF");
    await owner.getByRole("button", { name: "Send invitation" }).click();
    await expect(owner.getByText(`Invitation sent to ${staffEmail}.`)).toBeVisible();

    const staff = await newPerson(browser, `staff-${slug}`);
    await acceptAndSignIn(staff, invitationLink(staffEmail), staffEmail, "staff member of the shop", storeName);
    // The link is spent: opening it again says so and offers no form.
    await staff.goto(invitationLink(staffEmail));
    await expect(staff.getByTestId("invitation-problem")).toContainText("already been accepted");
    // Staff see the team but get no controls.
    await staff.goto(storeUrl(host, "/dashboard/team"));
    await expect(staff.getByTestId("team-members")).toContainText(staffEmail);
    await expect(staff.getByRole("button", { name: "Send invitation" })).toHaveCount(0);

    await owner.reload();
    const row = owner.getByTestId("team-members").getByRole("row").filter({ hasText: staffEmail });
    await row.getByRole("button", { name: `Remove ${staffEmail}` }).click();
    await owner.getByRole("dialog").getByRole("button", { name: "Remove from team" }).click();
    await expect(owner.getByText(`${staffEmail} was removed from the team and signed out.`)).toBeVisible();
    // The row says so until the page is loaded again; then the member is gone from the list.
    await owner.reload();
    await expect(owner.getByTestId("team-members")).not.toContainText(staffEmail);

    // The staff member's next dashboard request is refused: their session has ended.
    await staff.goto(storeUrl(host, "/dashboard"));
    await expect(staff).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
    await expect(staff.getByRole("heading", { name: `${storeName} dashboard` })).toHaveCount(0);
    await staff.context().close();
    await owner.context().close();
  });
});
