import type { Metadata } from "next";
import Link from "next/link";
import { PASSWORD_MIN_LENGTH } from "@/lib/identity/password-policy";
import { requireTenant } from "@/lib/tenancy";
import { ResetPasswordForm } from "../_components/reset-password-form";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// No referrer: the link's token must not leak to anything this page loads or links to.
export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };

// Setting the password takes a form post, so link scanners that prefetch the URL cannot use it up.
export default async function ResetPasswordPage({ params, searchParams }: Props) {
  await requireTenant((await params).host);
  const token = (await searchParams).token;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Choose a new password</h1>
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} minLength={PASSWORD_MIN_LENGTH} />
      ) : (
        <p className="text-stone-600">
          Open the link from the email we sent you, or{" "}
          <Link href="/forgot-password" className="font-medium text-accent-text underline">
            ask for a new one
          </Link>
          .
        </p>
      )}
    </div>
  );
}
