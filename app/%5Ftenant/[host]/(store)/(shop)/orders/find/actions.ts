"use server";

import { after } from "next/server";
import { guardedAction } from "@/lib/guard/guard";
import { guestOrderLookupReply, guestOrderLookupSchema, mailGuestOrderLink } from "@/lib/orders/guest-order-lookup";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

export const findGuestOrderAction = guardedAction(
  {
    name: "order.find",
    access: "public",
    schema: guestOrderLookupSchema,
    // The "mail me a link" budget, per client and per address, like a password reset's.
    limit: "password-reset",
    limitAccount: (input) => input.email,
  },
  async (input, { tenant, meta }) => {
    const origin = await getCanonicalOrigin(tenant);
    // The look-up and the mail happen after the answer has gone: its timing tells nothing either.
    after(() => mailGuestOrderLink(tenant, input, meta, origin));
    return { status: "success", message: guestOrderLookupReply(input.email) };
  },
);
