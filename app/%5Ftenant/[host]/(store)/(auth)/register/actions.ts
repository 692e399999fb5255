"use server";

import { registerAccount, registrationSchema } from "@/lib/identity/registration";
import { guardedAction } from "@/lib/guard/guard";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

export const registerAction = guardedAction(
  {
    name: "register",
    access: "public",
    schema: registrationSchema,
    limit: "register",
    limitAccount: (input) => input.email,
  },
  async (input, { tenant, meta }) => {
    const message = await registerAccount(tenant, input, meta, await getCanonicalOrigin(tenant));
    return { status: "success", message };
  },
);
