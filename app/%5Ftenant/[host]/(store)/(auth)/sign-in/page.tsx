import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/identity/current-user";
import { toSafeCallbackPath } from "@/lib/identity/safe-redirect";
import { GENERIC_SIGN_IN_ERROR } from "@/lib/identity/sign-in";
import { getStoreOrigin, requireTenant } from "@/lib/tenancy";
import { SignInForm } from "../../../_components/sign-in-form";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const requested = (await searchParams).callbackUrl;
  const callbackUrl = toSafeCallbackPath(
    typeof requested === "string" ? requested : null,
    await getStoreOrigin(tenant),
    "/account",
  );
  if (await getCurrentUser(tenant)) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Sign in</h1>
      <p className="mb-6 text-stone-600">Welcome back to {tenant.name}.</p>
      <SignInForm callbackUrl={callbackUrl} genericError={GENERIC_SIGN_IN_ERROR} />
      <p className="mt-4 text-sm text-stone-600">
        <Link href="/forgot-password" className="font-medium text-accent-text underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-2 text-sm text-stone-600">
        New here?{" "}
        <Link href="/register" className="font-medium text-accent-text underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
