import type { Metadata } from "next";
import { describeInvitation } from "@/lib/identity/accept-invitation";
import { PASSWORD_MIN_LENGTH } from "@/lib/identity/password-policy";
import { requireTenant } from "@/lib/tenancy";
import { AcceptInvitationForm } from "../_components/accept-invitation-form";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// No referrer: the link's token must not leak to anything this page loads or links to.
export const metadata: Metadata = { title: "Join the team", robots: { index: false }, referrer: "no-referrer" };

// Viewing the link changes nothing (link scanners prefetch it); accepting takes a form post.
export default async function InvitePage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const token = (await searchParams).token;
  const view = typeof token === "string" && token ? await describeInvitation(tenant, token) : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Join the team of {tenant.name}</h1>
      {!view ? (
        <p className="text-stone-600">Open the link from your invitation email; it carries your invitation code.</p>
      ) : view.ok ? (
        <>
          <p className="mb-6 text-stone-600" data-testid="invitation-summary">
            You are invited as {view.storeRole === "OWNER" ? "an owner" : "staff"}, with the address{" "}
            <strong>{view.email}</strong>.
          </p>
          <AcceptInvitationForm
            token={token as string}
            email={view.email}
            account={view.account}
            minLength={PASSWORD_MIN_LENGTH}
          />
        </>
      ) : (
        <p role="alert" className="rounded-md bg-rose-50 p-4 text-rose-800" data-testid="invitation-problem">
          {view.message}
        </p>
      )}
    </div>
  );
}
