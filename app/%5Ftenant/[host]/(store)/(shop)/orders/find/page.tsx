import type { Metadata } from "next";
import Link from "next/link";
import { requireTenant } from "@/lib/tenancy";
import { FindOrderForm } from "./find-order-form";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Find your order", robots: { index: false } };

export default async function FindOrderPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Find your order</h1>
      <p className="mb-6 text-stone-600">
        Checked out as a guest at {tenant.name}? Enter the email you used and your order number, and we&apos;ll email
        you a link to the order.
      </p>
      <FindOrderForm />
      <p className="mt-6 text-sm text-stone-600">
        Have an account?{" "}
        <Link href="/sign-in?callbackUrl=%2Faccount%2Forders" className="font-medium text-accent underline">
          Sign in to see your orders
        </Link>
      </p>
    </div>
  );
}
