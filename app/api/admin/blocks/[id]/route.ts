import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { liftBlock } from "@/lib/telemetry/containment";

const schema = z.object({ id: z.string().min(1).max(40) }).strict();

/** DELETE /api/admin/blocks/[id]: lift a containment block before it expires. */
export const DELETE = guardedRoute(
  { name: "admin.blocks.lift", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema },
  async (input, { user, meta }) => {
    await liftBlock(input.id, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ok: true });
  },
);
