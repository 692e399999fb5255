import { z } from "zod";
import { signOutUserEverywhere } from "@/lib/identity/manage-users";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/admin/users/[id]/sign-out: ends every session of the user. */
export const POST = guardedRoute(
  {
    name: "admin.user.sign_out",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: z.object({ id: z.string().min(1).max(40) }).strict(),
  },
  async (input, { user, meta }) => {
    const { ended } = await signOutUserEverywhere(input.id, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ended });
  },
);
