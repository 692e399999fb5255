"use server";

import { passwordResetSchema, resetPassword } from "@/lib/identity/password-reset";
import { guardedAction } from "@/lib/guard/guard";

export const resetPasswordAction = guardedAction(
  { name: "password-reset.complete", access: "public", schema: passwordResetSchema, limit: "password-reset" },
  async (input, { tenant, meta }) => {
    const result = await resetPassword(tenant, input, meta);
    if (!result.ok)
      return { status: "error", message: result.message, fieldErrors: { [result.field]: [result.message] } };
    return {
      status: "success",
      message: "Your password is changed and every session is signed out. Sign in with it now.",
    };
  },
);
