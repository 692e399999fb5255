import "server-only";
import Stripe from "stripe";
import { getStripeSettings } from "./stripe-config";

let client: Stripe | undefined;

/** The one Stripe SDK instance. Pointed at the emulator only through host/port/protocol. */
export function getStripe(): Stripe {
  if (client) return client;
  const { secretKey, apiUrl } = getStripeSettings();
  client = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "Bulwark" },
    ...(apiUrl
      ? {
          host: apiUrl.hostname,
          port: apiUrl.port || (apiUrl.protocol === "https:" ? 443 : 80),
          protocol: apiUrl.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
  return client;
}

export type { Stripe };
