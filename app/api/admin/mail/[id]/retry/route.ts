import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { retryDeadLetter } from "@/lib/mail/outbox";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/admin/mail/[id]/retry: a dead-lettered mail gets a fresh set of attempts (audited). */
export const POST = guardedRoute(
  {
    name: "admin.mail.retry",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: z.object({ id: z.string().min(1).max(40) }).strict(),
  },
  async (input, { user, meta }) => {
    await retryDeadLetter(input.id, { email: user.email, ip: meta.ip });
    return jsonNoStore({ status: "PENDING" });
  },
);
