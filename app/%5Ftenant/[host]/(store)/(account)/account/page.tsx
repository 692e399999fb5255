import type { Metadata } from "next";
import Link from "next/link";
import { listActiveSessions } from "@/lib/identity/account";
import { requireUser } from "@/lib/identity/current-user";
import { PASSWORD_MIN_LENGTH } from "@/lib/identity/password-policy";
import { getSecondFactorStatus } from "@/lib/identity/second-factor";
import { requireTenant } from "@/lib/tenancy";
import { SignOutButton } from "../../../_components/sign-out-button";
import { TwoFactorSettings } from "../../../_components/two-factor-settings";
import { PasswordForm } from "./_components/password-form";
import { ProfileForm } from "./_components/profile-form";
import { SessionList } from "./_components/session-list";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default async function AccountPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireUser(tenant, "/account");
  const [sessions, twoFactor] = await Promise.all([listActiveSessions(user), getSecondFactorStatus(user)]);
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">Your account</h1>
          <p className="text-stone-600">Signed in as {user.email}</p>
          <Link href="/account/orders" className="text-sm font-medium text-accent-text underline">
            Your orders
          </Link>
        </div>
        <SignOutButton className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium hover:border-accent-text" />
      </div>
      <section aria-labelledby="profile-heading" className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="profile-heading" className="mb-4 text-xl font-semibold">
          Profile
        </h2>
        <ProfileForm name={user.name} />
      </section>
      <section aria-labelledby="password-heading" className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="password-heading" className="mb-1 text-xl font-semibold">
          Change password
        </h2>
        <p className="mb-4 text-sm text-stone-600">Changing your password signs you out everywhere else.</p>
        <PasswordForm minLength={PASSWORD_MIN_LENGTH} />
      </section>
      <section aria-labelledby="two-factor-heading" className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="two-factor-heading" className="mb-4 text-xl font-semibold">
          Two-step verification
        </h2>
        <TwoFactorSettings status={{ ...twoFactor, enabledAt: twoFactor.enabledAt?.toISOString() ?? null }} />
      </section>
      <section aria-labelledby="sessions-heading" className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="sessions-heading" className="mb-4 text-xl font-semibold">
          Where you’re signed in
        </h2>
        <SessionList
          sessions={sessions.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
          }))}
        />
      </section>
    </div>
  );
}
