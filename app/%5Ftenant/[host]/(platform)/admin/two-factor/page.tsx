import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser, TWO_FACTOR_PATH } from "@/lib/identity/current-user";
import { toSafeCallbackPath } from "@/lib/identity/safe-redirect";
import { getSecondFactorStatus } from "@/lib/identity/second-factor";
import { getStoreOrigin, requireTenant } from "@/lib/tenancy";
import { SignOutButton } from "../../../_components/sign-out-button";
import { TwoFactorSettings } from "../../../_components/two-factor-settings";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Two-step verification" };

// The one console page an administrator reaches before passing the second factor: where it is
// set up. requireRole sends them here from everywhere else.
export default async function AdminTwoFactorPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  const user = await requireUser(tenant, TWO_FACTOR_PATH);
  if (user.role !== "ADMINISTRATOR") notFound();
  const requested = (await searchParams).callbackUrl;
  const continueTo = toSafeCallbackPath(
    typeof requested === "string" ? requested : null,
    await getStoreOrigin(tenant),
    "/admin",
  );
  const status = await getSecondFactorStatus(user);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Two-step verification</h1>
      {status.enabled && !status.passedInThisSession ? (
        <div className="space-y-4">
          <p>This session has not passed two-step verification. Sign in again with a code from your app.</p>
          <SignOutButton className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium" />
        </div>
      ) : (
        <section className="rounded-lg border border-stone-200 bg-white p-6">
          <TwoFactorSettings
            status={{ ...status, enabledAt: status.enabledAt?.toISOString() ?? null }}
            continueTo={continueTo}
          />
        </section>
      )}
    </div>
  );
}
