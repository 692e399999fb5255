"use server";

import { passwordResetRequestSchema, requestPasswordReset } from "@/lib/identity/password-reset";
import { guardedAction } from "@/lib/guard/guard";
import { getStoreOrigin } from "@/lib/tenancy";

export const requestPasswordResetAction = guardedAction(
  {
    name: "password-reset.request",
    access: "public",
    schema: passwordResetRequestSchema,
    limit: "password-reset",
    limitAccount: (input) => input.email,
  },
  async (input, { tenant, meta }) => {
    const message = await requestPasswordReset(tenant, input, meta, await getStoreOrigin(tenant));
    return { status: "success", message };
  },
);
