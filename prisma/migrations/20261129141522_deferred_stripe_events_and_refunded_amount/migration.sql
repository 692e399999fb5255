-- Stripe events that arrive before what they act on wait in WebhookEvent (issue 9).
ALTER TABLE "WebhookEvent" ADD COLUMN "deferredOn" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "payload" TEXT;
CREATE INDEX "WebhookEvent_deferredOn_idx" ON "WebhookEvent"("deferredOn");

-- The cumulative refunded amount Stripe reports (partial refunds).
ALTER TABLE "Order" ADD COLUMN "refundedMinor" INTEGER NOT NULL DEFAULT 0;
