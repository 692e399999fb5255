"use server";

import { after } from "next/server";
import { z } from "zod";
import {
  confirmEmail,
  resendConfirmation,
  resendConfirmationReply,
  resendConfirmationSchema,
} from "@/lib/identity/registration";
import { guardedAction } from "@/lib/guard/guard";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

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
            "This link is not valid any more. It may have been used already, replaced by a newer one, or expired; ask for a new one below.",
        };
  },
);

/** "Send me a new link": counted like registration, by client and by the address asked for. */
export const resendConfirmationAction = guardedAction(
  {
    name: "confirm-email.resend",
    access: "public",
    limit: "register",
    schema: resendConfirmationSchema,
    limitAccount: (input) => input.email,
  },
  async (input, { tenant, meta }) => {
    const origin = await getCanonicalOrigin(tenant);
    // The look-up and the mail run after the answer has gone: how long the answer took cannot
    // tell an unconfirmed account (a new link is issued and queued) from any other address.
    after(() => resendConfirmation(tenant, input, meta, origin));
    return { status: "success", message: resendConfirmationReply(input.email) };
  },
);
