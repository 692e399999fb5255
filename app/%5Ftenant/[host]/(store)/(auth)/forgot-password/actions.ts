"use server";

import { after } from "next/server";
import { passwordResetReply, passwordResetRequestSchema, requestPasswordReset } from "@/lib/identity/password-reset";
import { guardedAction } from "@/lib/guard/guard";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

export const requestPasswordResetAction = guardedAction(
  {
    name: "password-reset.request",
    access: "public",
    schema: passwordResetRequestSchema,
    limit: "password-reset",
    limitAccount: (input) => input.email,
  },
  async (input, { tenant, meta }) => {
    const origin = await getCanonicalOrigin(tenant);
    // The look-up, the link and the mail happen after the answer has gone: how long the answer
    // took cannot tell an address with an account from one without.
    after(() => requestPasswordReset(tenant, input, meta, origin));
    return { status: "success", message: passwordResetReply(input.email) };
  },
);
