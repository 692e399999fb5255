import type { Metadata } from "next";
import Link from "next/link";
import { requireTenant } from "@/lib/tenancy";
import { ForgotPasswordForm } from "../_components/email-link-forms";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Forgot your password?", robots: { index: false } };

export default async function ForgotPasswordPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Forgot your password?</h1>
      <p className="mb-6 text-stone-600">
        Enter the email of your {tenant.name} account and we&apos;ll send you a link to choose a new one.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm text-stone-600">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-medium text-accent-text underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
