import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Administrator sign-in" };

export default async function AdminSignInPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  const requested = (await searchParams).callbackUrl;
  const callbackUrl = toSafeCallbackPath(
    typeof requested === "string" ? requested : null,
    await getStoreOrigin(tenant),
    "/admin",
  );
  if (await getCurrentUser(tenant)) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Administrator sign-in</h1>
      <SignInForm callbackUrl={callbackUrl} genericError={GENERIC_SIGN_IN_ERROR} />
    </div>
  );
}
