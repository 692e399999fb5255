// Starts the Stripe emulator: npx tsx scripts/stripe-emulator/main.ts
// Environment: STRIPE_EMULATOR_PORT (12111), STRIPE_EMULATOR_WEBHOOK_URL, and the key and secret
// the app uses (defaults: the emulator's own).
import { startStripeEmulator } from "./server";

const demo = process.env.BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY === "1";
if (process.env.NODE_ENV === "production" && !demo) {
  console.error(
    "The Stripe emulator is for development, tests and the explicit demo mode. Refusing to start with NODE_ENV=production without BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY=1.",
  );
  process.exit(1);
}
if (process.env.NODE_ENV === "production" && !process.env.STRIPE_WEBHOOK_SECRET) {
  console.error("In demo mode the emulator needs the per-boot STRIPE_WEBHOOK_SECRET it shares with the app.");
  process.exit(1);
}

const port = Number(process.env.STRIPE_EMULATOR_PORT || 12111);
const emulator = await startStripeEmulator({
  port,
  secretKey: process.env.STRIPE_SECRET_KEY || "sk_test_bulwarkemulator",
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || "whsec_bulwarkemulator",
  webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || "http://127.0.0.1:3000/api/webhooks/stripe",
  // Duplicates, held and delayed events are test tools: never on behind a production build.
  controls: process.env.NODE_ENV !== "production",
});
console.log(`Stripe emulator (test mode, no real payments) on ${emulator.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void emulator.close().then(() => process.exit(0)));
}
