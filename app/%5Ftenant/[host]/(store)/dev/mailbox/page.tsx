import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listRecentMail } from "@/lib/mail/send-mail";
import { requireTenant } from "@/lib/tenancy";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

// Development only: the store's outbox, so confirmation links can be followed without a mail
// server. It does not exist in a production build.
export default async function DevMailboxPage({ params }: Props) {
  if (process.env.NODE_ENV === "production") notFound();
  const tenant = await requireTenant((await params).host);
  const mail = await listRecentMail(tenant.id);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">Development mailbox</h1>
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
        Everything {tenant.name} has sent, newest first (the text body). This page exists only in development; without
        SMTP_URL nothing leaves the outbox.
      </p>
      {mail.length === 0 ? <p className="text-stone-600">No mail yet.</p> : null}
      {mail.map((message) => (
        <article key={message.id} className="rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="font-semibold">{message.subject}</h2>
          <p className="text-sm text-stone-600">
            To {message.to} · {message.createdAt.toISOString()} · {message.status.toLowerCase()}
          </p>
          <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">{message.text}</pre>
        </article>
      ))}
    </div>
  );
}
