import { z } from "zod";
import { setUserDisabled } from "@/lib/identity/manage-users";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

const schema = z.object({ id: z.string().min(1).max(40), disabled: z.boolean() }).strict();

/** PATCH /api/admin/users/[id]: disable a user (their sessions end at once) or enable them. */
export const PATCH = guardedRoute(
  { name: "admin.user.disable", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema },
  async (input, { user, meta }) => {
    await setUserDisabled(input.id, input.disabled, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ok: true });
  },
);
