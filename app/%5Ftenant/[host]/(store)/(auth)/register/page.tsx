import type { Metadata } from "next";
import Link from "next/link";
import { PASSWORD_MIN_LENGTH } from "@/lib/identity/password-policy";
import { requireTenant } from "@/lib/tenancy";
import { RegisterForm } from "../_components/register-form";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default async function RegisterPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Create an account</h1>
      <p className="mb-6 text-stone-600">Order faster and follow your orders at {tenant.name}.</p>
      <RegisterForm minLength={PASSWORD_MIN_LENGTH} />
      <p className="mt-6 text-sm text-stone-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-accent-text underline">
          Sign in
        </Link>
      </p>
      <p className="mt-2 text-sm text-stone-600">
        No confirmation email?{" "}
        <Link href="/verify-email" className="font-medium text-accent-text underline">
          Send a new link
        </Link>
      </p>
    </div>
  );
}
