// Starts the Stripe emulator: npx tsx scripts/stripe-emulator/main.ts
// Environment: STRIPE_EMULATOR_PORT (12111), STRIPE_EMULATOR_WEBHOOK_URL, and the key and secret
// the app uses (defaults: the emulator's own).
import { startStripeEmulator } from "./server";

if (process.env.NODE_ENV === "production" && !process.env.STRIPE_EMULATOR_ALLOW_PRODUCTION_BUILD) {
  console.error("The Stripe emulator is for development and tests. Refusing to start with NODE_ENV=production.");
  process.exit(1);
}

const port = Number(process.env.STRIPE_EMULATOR_PORT || 12111);
const emulator = await startStripeEmulator({
  port,
  secretKey: process.env.STRIPE_SECRET_KEY || "sk_test_bulwarkemulator",
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || "whsec_bulwarkemulator",
  webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || "http://127.0.0.1:3000/api/webhooks/stripe",
});
console.log(`Stripe emulator (test mode, no real payments) on ${emulator.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
}
