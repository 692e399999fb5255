import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { countMailByStatus, listDeadLetters } from "@/lib/mail/outbox";
import { requireTenant } from "@/lib/tenancy";
import { TableHead } from "../../../_components/table-head";
import { RetryMailButton } from "../_components/retry-mail-button";
import { ScrollArea } from "../../../_components/scroll-area";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Mail" };

// Mail that could not be delivered after every attempt. Administrators see who it was for, why it
// failed (redacted) and can send it again; never its body, which may carry a one-time link.
export default async function MailPage({ params }: Props) {
  const platform = await requireTenant((await params).host, "PLATFORM");
  await requireRole(platform, ["ADMINISTRATOR"], "/admin/mail");
  const [dead, counts] = await Promise.all([listDeadLetters(100), countMailByStatus()]);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Mail delivery</h1>
      <p className="text-stone-600" data-testid="mail-counts">
        {["PENDING", "SENDING", "SENT", "DEAD"]
          .map((status) => `${status.toLowerCase()}: ${counts[status] ?? 0}`)
          .join(" · ")}
      </p>
      <section aria-labelledby="dead-heading" className="space-y-3">
        <h2 id="dead-heading" className="text-xl font-semibold">
          Dead letters
        </h2>
        {dead.length === 0 ? (
          <p className="text-stone-600">No undelivered mail.</p>
        ) : (
          <ScrollArea label="Undelivered mail">
            <table className="w-full bg-white text-left text-sm" data-testid="dead-letters">
              <TableHead columns={["Store", "To", "Subject", "Attempts>", "Last error", "Given up", ""]} />
              <tbody>
                {dead.map((mail) => (
                  <tr key={mail.id} className="border-t border-stone-200 align-top">
                    <td className="p-3">{mail.store}</td>
                    <td className="p-3 font-mono text-xs">{mail.to}</td>
                    <td className="p-3">{mail.subject}</td>
                    <td className="p-3 text-right">{mail.attempts}</td>
                    <td className="p-3 font-mono text-xs break-all">{mail.lastError ?? "—"}</td>
                    <td className="p-3 text-xs">{mail.deadAt?.toISOString().slice(0, 16).replace("T", " ") ?? "—"}</td>
                    <td className="p-3">
                      <RetryMailButton id={mail.id} subject={mail.subject} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
    </div>
  );
}
