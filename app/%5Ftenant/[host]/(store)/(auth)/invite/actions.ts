"use server";

import { acceptInvitation, acceptInvitationSchema, invitationLimitKey } from "@/lib/identity/accept-invitation";
import { guardedAction } from "@/lib/guard/guard";

export const acceptInvitationAction = guardedAction(
  {
    name: "invitation.accept",
    access: "public",
    schema: acceptInvitationSchema,
    // Counted per link like sign-in attempts (20 in 15 minutes): accepting may ask for an existing
    // account's password, and a typo in a new password must not lock the invited person out.
    limit: "sign-in",
    limitAccount: invitationLimitKey,
  },
  async (input, { tenant, meta }) => {
    const result = await acceptInvitation(tenant, input, meta);
    if (!result.ok)
      return { status: "error", message: result.message, fieldErrors: { [result.field]: [result.message] } };
    return {
      status: "success",
      message:
        result.account === "created"
          ? "Welcome to the team! Your account is ready: sign in to reach the dashboard."
          : "You're on the team now. Every session of your account was signed out: sign in again to reach the dashboard.",
    };
  },
);
