import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";

// Who is signed in on this store: 401 when nobody is. Clients use it to show account state; the
// response never carries the session's credentials.
export const GET = guardedRoute(
  { name: "api.account.session", access: "signed-in", schema: z.object({}) },
  async (_input, { user }) =>
    Response.json(
      { user: { email: user.email, name: user.name, role: user.role } },
      { headers: { "Cache-Control": "no-store" } },
    ),
);
