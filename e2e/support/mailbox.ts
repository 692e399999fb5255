import { expect } from "@playwright/test";

// What the end-to-end mail relay (scripts/e2e-mail-sink.ts) received over SMTP from the shop.

export type DeliveredMail = { subject: string; from: string; text: string };

export async function readDeliveredMail(to: string): Promise<DeliveredMail[]> {
  const response = await fetch(
    `http://127.0.0.1:${process.env.E2E_MAILBOX_PORT}/messages?to=${encodeURIComponent(to)}`,
  );
  return (await response.json()) as DeliveredMail[];
}

/** Waits until the relay holds `count` messages for the address (the worker sends every few seconds). */
export async function waitForDeliveredMail(to: string, count: number): Promise<DeliveredMail[]> {
  await expect
    .poll(async () => (await readDeliveredMail(to)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
  return readDeliveredMail(to);
}
