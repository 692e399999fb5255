import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireTenant, type TenantDto } from "@/lib/tenancy";
import { POLICY_KINDS, type PolicyKind } from "@/lib/tenancy/store-options";

type Props = { params: Promise<{ host: string; kind: string }> };

/** The policy's title and text, or null for an unknown kind or one the store has not written. */
function readPolicy(tenant: TenantDto, kind: string): { title: string; text: string } | null {
  if (!Object.hasOwn(POLICY_KINDS, kind)) return null;
  const text = tenant.policies[kind as PolicyKind].trim();
  return text ? { title: POLICY_KINDS[kind as PolicyKind].title, text } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { host, kind } = await params;
  const policy = readPolicy(await requireTenant(host), kind);
  return policy ? { title: policy.title } : {};
}

// Plain text as the merchant typed it: React escapes it, and line breaks are kept by CSS.
export default async function PolicyPage({ params }: Props) {
  const { host, kind } = await params;
  const policy = readPolicy(await requireTenant(host), kind);
  if (!policy) notFound();
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{policy.title}</h1>
      <div className="whitespace-pre-line leading-relaxed text-stone-800" data-testid="policy-text">
        {policy.text}
      </div>
    </article>
  );
}
