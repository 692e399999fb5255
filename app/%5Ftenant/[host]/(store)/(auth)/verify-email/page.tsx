import type { Metadata } from "next";
import { requireTenant } from "@/lib/tenancy";
import { ConfirmEmailForm } from "../_components/confirm-email-form";
import { ResendConfirmationForm } from "../_components/email-link-forms";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Confirm your email", robots: { index: false }, referrer: "no-referrer" };

// Confirmation takes a click (a POST), so link scanners that prefetch the URL cannot use it up.
export default async function VerifyEmailPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const token = (await searchParams).token;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Confirm your email</h1>
      <p className="mb-6 text-stone-600">One click and your {tenant.name} account is ready.</p>
      {typeof token === "string" && token ? (
        <ConfirmEmailForm token={token} />
      ) : (
        <p className="text-stone-600">Open the link from the email we sent you; it carries your confirmation code.</p>
      )}
      <section aria-labelledby="resend-heading" className="mt-10 border-t border-stone-200 pt-6">
        <h2 id="resend-heading" className="mb-2 text-lg font-semibold">
          No email, or the link expired?
        </h2>
        <p className="mb-4 text-sm text-stone-600">
          We&apos;ll send a new confirmation link; the earlier ones stop working.
        </p>
        <ResendConfirmationForm />
      </section>
    </div>
  );
}
