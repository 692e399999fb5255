"use server";

import { z } from "zod";
import { confirmEmail } from "@/lib/identity/registration";
import { guardedAction } from "@/lib/guard/guard";

export const confirmEmailAction = guardedAction(
  {
    name: "confirm-email",
    access: "public",
    limit: "register",
    schema: z.object({ token: z.string().min(1).max(200) }).strict(),
  },
  async ({ token }, { tenant, meta }) => {
    const confirmed = await confirmEmail(tenant, token, meta);
    return confirmed
      ? { status: "success", message: "Your email is confirmed. You can sign in now." }
      : {
          status: "error",
          message:
            "This link is not valid any more. It may have been used already or expired; register again to get a new one.",
        };
  },
);
