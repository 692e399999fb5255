import { isDemoPayments } from "@/lib/payments/stripe-config";

/**
 * On every console page while checkout goes to the local Stripe emulator: nobody running a store
 * should mistake demo orders for money received.
 */
export function DemoPaymentsBanner() {
  if (!isDemoPayments()) return null;
  return (
    <div
      role="note"
      data-testid="demo-payments-banner"
      className="bg-amber-300 px-4 py-2 text-center text-sm font-semibold text-stone-950"
    >
      Demo payments: checkout uses the local Stripe emulator. No real money moves and no order here was paid.
    </div>
  );
}
