// Refunds of the emulator's payments: in full or in parts up to the charge, each announced by a
// charge.refunded that names the payment's one charge with the cumulative amount_refunded, as
// Stripe's are.
import { newId, nowSeconds, stripeError, type CheckoutSession, type Refund } from "./objects";

const int = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN);

export class RefundBook {
  private readonly refunds: Refund[] = [];
  private readonly chargeIds = new Map<string, string>();

  constructor(private readonly emit: (type: string, object: unknown) => void) {}

  create(sessions: Iterable<CheckoutSession>, params: Record<string, unknown>): { status: number; body: unknown } {
    const session = [...sessions].find((s) => s.payment_intent && s.payment_intent === params.payment_intent);
    if (!session) return stripeError(400, "No such payment_intent.", "payment_intent");
    const paymentIntent = session.payment_intent!;
    const already = this.refunds
      .filter((r) => r.payment_intent === paymentIntent)
      .reduce((sum, r) => sum + r.amount, 0);
    const amount = params.amount === undefined ? session.amount_total - already : int(params.amount);
    if (!(amount > 0) || already + amount > session.amount_total)
      return stripeError(400, "Refund amount exceeds the charge.", "amount");
    const chargeId = this.chargeIds.get(paymentIntent) ?? newId("ch");
    this.chargeIds.set(paymentIntent, chargeId);
    const refund: Refund = {
      id: newId("re"),
      object: "refund",
      amount,
      charge: chargeId,
      currency: session.currency,
      payment_intent: paymentIntent,
      status: "succeeded",
      created: nowSeconds(),
    };
    this.refunds.push(refund);
    this.emit("charge.refunded", {
      id: chargeId,
      object: "charge",
      amount: session.amount_total,
      amount_refunded: already + amount,
      currency: session.currency,
      payment_intent: paymentIntent,
      refunded: already + amount === session.amount_total,
      metadata: session.metadata,
    });
    return { status: 200, body: refund };
  }
}
