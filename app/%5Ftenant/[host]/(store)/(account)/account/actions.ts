"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import {
  changePassword,
  changePasswordSchema,
  endOtherSessions,
  endSession,
  profileSchema,
  sessionIdSchema,
  updateProfile,
} from "@/lib/identity/account";
import { guardedAction } from "@/lib/guard/guard";

export const changePasswordAction = guardedAction(
  { name: "account.change-password", access: "signed-in", limit: "account-change", schema: changePasswordSchema },
  async (input, { user, meta }) => {
    const result = await changePassword(user, input, meta);
    if (!result.ok)
      return { status: "error", message: result.message, fieldErrors: { [result.field]: [result.message] } };
    refresh();
    const others = result.endedSessions === 1 ? "1 other session was" : `${result.endedSessions} other sessions were`;
    return { status: "success", message: `Your password is changed. ${others} signed out.` };
  },
);

export const updateProfileAction = guardedAction(
  { name: "account.update-profile", access: "signed-in", limit: "account-change", schema: profileSchema },
  async (input, { user }) => {
    await updateProfile(user, input);
    refresh();
    return { status: "success", message: "Saved." };
  },
);

export const endSessionAction = guardedAction(
  { name: "account.end-session", access: "signed-in", limit: "account-change", schema: sessionIdSchema },
  async ({ sessionId }, { user, meta }) => {
    const ended = await endSession(user, sessionId, meta);
    refresh();
    return ended
      ? { status: "success", message: "That session is signed out." }
      : { status: "error", message: "That session has already ended." };
  },
);

export const endOtherSessionsAction = guardedAction(
  { name: "account.end-other-sessions", access: "signed-in", limit: "account-change", schema: z.object({}).strict() },
  async (_input, { user, meta }) => {
    const ended = await endOtherSessions(user, meta);
    refresh();
    return {
      status: "success",
      message:
        ended === 0 ? "You had no other sessions." : `Signed out ${ended} other session${ended === 1 ? "" : "s"}.`,
    };
  },
);
