// The emulator's webhook side: every event is recorded, signed with the endpoint's secret the way
// Stripe signs it, and delivered with retries on non-2xx. Test switches change how: duplicates,
// holding events back (to release them later, in reverse if wanted), and delay.
import Stripe from "stripe";
import { eventOf } from "./objects";

export type StoredEvent = ReturnType<typeof eventOf>;
export type DeliveryMode = { duplicates: number; hold: boolean; delayMs: number };

const signer = new Stripe("sk_test_signer_only");
const RETRY_DELAYS_MS = [250, 500, 1000, 2000];

export class WebhookDelivery {
  readonly events: StoredEvent[] = [];
  readonly deliveries: { eventId: string; status: number }[] = [];
  private held: StoredEvent[] = [];
  mode: DeliveryMode = { duplicates: 0, hold: false, delayMs: 0 };

  constructor(private readonly options: { webhookUrl: string; webhookSecret: string }) {}

  async deliverOnce(event: StoredEvent): Promise<void> {
    const payload = JSON.stringify(event);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      let status = 0;
      try {
        const signature = signer.webhooks.generateTestHeaderString({ payload, secret: this.options.webhookSecret });
        const response = await fetch(this.options.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": signature,
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
      } catch {
        status = 0;
      }
      this.deliveries.push({ eventId: event.id, status });
      if (status >= 200 && status < 300) return;
      const wait = RETRY_DELAYS_MS[attempt];
      if (wait === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  emit(type: string, object: unknown): StoredEvent {
    const event = eventOf(type, structuredClone(object));
    this.events.push(event);
    if (this.mode.hold) {
      this.held.push(event);
      return event;
    }
    const copies = 1 + this.mode.duplicates;
    setTimeout(() => {
      for (let i = 0; i < copies; i++) void this.deliverOnce(event);
    }, this.mode.delayMs);
    return event;
  }

  async release(order: "original" | "reverse"): Promise<string[]> {
    const batch = this.held.splice(0);
    if (order === "reverse") batch.reverse();
    for (const event of batch) await this.deliverOnce(event);
    return batch.map((event) => event.type);
  }
}
