// A local Stripe emulator for development and tests. The Stripe SDK is pointed at it with its
// host/port/protocol options; it serves the endpoints Bulwark uses with Stripe-shaped objects and
// errors, hosts a test checkout page (pay, decline, cancel) that redirects back like Stripe does,
// and delivers webhooks signed with the configured secret, retrying on non-2xx. Test switches
// (under /_emulator) deliver duplicates, hold events to release them out of order, or delay them.
// It listens on 127.0.0.1 only. A production build runs it only in the loudly named demo mode
// (BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY=1), where its test switches are off.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CheckoutExtras, type SessionExtras } from "./checkout-extras";
import { decodeStripeForm } from "./form-decode";
import { newId, nowSeconds, stripeError, type CheckoutSession, type LineItem } from "./objects";
import { renderCheckoutPage, type CheckoutPageOptions } from "./page";
import { RefundBook } from "./refunds";
import { WebhookDelivery, type DeliveryMode, type StoredEvent } from "./webhook-delivery";

export type EmulatorOptions = {
  port?: number;
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string;
  publicUrl?: string;
  /** The /_emulator/* switches (duplicates, held and delayed events) for tests; off in demo mode. */
  controls?: boolean;
};

export type StripeEmulator = {
  url: string;
  close: () => Promise<void>;
  sessions: Map<string, CheckoutSession>;
  events: StoredEvent[];
  deliveries: { eventId: string; status: number }[];
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { location });
  res.end();
}

const int = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN);

export async function startStripeEmulator(options: EmulatorOptions): Promise<StripeEmulator> {
  const sessions = new Map<string, CheckoutSession>();
  const lineItems = new Map<string, LineItem[]>();
  const extras = new CheckoutExtras();
  const sessionExtras = new Map<string, SessionExtras>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const delivery = new WebhookDelivery(options);
  let baseUrl = "";

  const emit = (type: string, object: unknown) => delivery.emit(type, object);
  const refunds = new RefundBook(emit);

  /** What the hosted page offers for a session: countries, shipping options, discount, tax. */
  function checkoutOptions(sessionId: string): CheckoutPageOptions {
    const read = sessionExtras.get(sessionId)!;
    const items = lineItems.get(sessionId) ?? [];
    const subtotal = items.reduce((sum, item) => sum + item.amount_subtotal, 0);
    return {
      countries: read.allowedCountries,
      rates: read.shippingRateIds.map((id) => extras.rates.get(id)!),
      discountMinor: extras.discountFor(read, subtotal),
      automaticTax: read.automaticTax,
      phoneRequired: read.phoneRequired,
    };
  }

  function createSession(params: Record<string, unknown>): { status: number; body: unknown } {
    if (params.mode !== "payment") return stripeError(400, "Only mode=payment is supported by the emulator.", "mode");
    const items = params.line_items;
    if (!Array.isArray(items) || items.length === 0) return stripeError(400, "line_items is required.", "line_items");
    for (const key of ["success_url", "cancel_url"] as const) {
      if (typeof params[key] !== "string" || !/^https?:\/\//.test(params[key] as string))
        return stripeError(400, `${key} must be an absolute URL.`, key);
    }
    const id = newId("cs");
    const parsed: LineItem[] = [];
    let currency = "";
    for (const [index, raw] of items.entries()) {
      const item = raw as {
        quantity?: string;
        price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } };
      };
      const quantity = int(item.quantity);
      const unit = int(item.price_data?.unit_amount);
      const itemCurrency = item.price_data?.currency?.toLowerCase() ?? "";
      if (
        !(quantity >= 1) ||
        !(unit >= 0) ||
        !/^[a-z]{3}$/.test(itemCurrency) ||
        !item.price_data?.product_data?.name
      ) {
        return stripeError(400, `Invalid line_items[${index}].`, `line_items[${index}]`);
      }
      if (currency && currency !== itemCurrency)
        return stripeError(400, "All line items must share one currency.", "line_items");
      currency = itemCurrency;
      parsed.push({
        id: newId("li"),
        object: "item",
        description: item.price_data.product_data.name,
        quantity,
        currency,
        amount_subtotal: unit * quantity,
        amount_total: unit * quantity,
        price: { unit_amount: unit, currency },
      });
    }
    const now = nowSeconds();
    const expiresAt = params.expires_at === undefined ? now + 24 * 3600 : int(params.expires_at);
    if (!(expiresAt >= now + 30 * 60 - 5 && expiresAt <= now + 24 * 3600)) {
      return stripeError(400, "expires_at must be between 30 minutes and 24 hours from now.", "expires_at");
    }
    const read = extras.readSessionParams(params, currency);
    if ("status" in read) return read;
    const subtotal = parsed.reduce((sum, item) => sum + item.amount_total, 0);
    // Shipping and tax are known once the shopper has chosen; until then the items less discount.
    const total = subtotal - extras.discountFor(read, subtotal);
    const session: CheckoutSession = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: subtotal,
      amount_total: total,
      currency,
      client_reference_id: typeof params.client_reference_id === "string" ? params.client_reference_id : null,
      customer_email: typeof params.customer_email === "string" ? params.customer_email : null,
      customer_details: null,
      metadata: (params.metadata as Record<string, string>) ?? {},
      payment_intent: null,
      success_url: params.success_url as string,
      cancel_url: params.cancel_url as string,
      expires_at: expiresAt,
      created: now,
      livemode: false,
      url: `${options.publicUrl ?? baseUrl}/checkout/${id}`,
    };
    sessions.set(id, session);
    lineItems.set(id, parsed);
    sessionExtras.set(id, read);
    return { status: 200, body: session };
  }

  function expire(session: CheckoutSession): boolean {
    if (session.status !== "open") return false;
    session.status = "expired";
    session.url = null;
    emit("checkout.session.expired", session);
    return true;
  }

  // Stripe expires open sessions at expires_at by itself.
  const sweeper = setInterval(() => {
    for (const session of sessions.values())
      if (session.status === "open" && session.expires_at <= nowSeconds()) expire(session);
  }, 2000);

  async function api(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
      const error = stripeError(401, "Invalid API Key provided.");
      return sendJson(res, error.status, error.body);
    }
    const key = req.headers["idempotency-key"];
    const idempotencyKey = typeof key === "string" && req.method === "POST" ? `${path}:${key}` : null;
    const cached = idempotencyKey ? idempotent.get(idempotencyKey) : undefined;
    if (cached) return sendJson(res, cached.status, cached.body);
    const params = decodeStripeForm(body);
    let result: { status: number; body: unknown };
    const sessionMatch = /^\/v1\/checkout\/sessions\/([\w]+)(\/line_items|\/expire)?$/.exec(path);
    if (req.method === "POST" && path === "/v1/checkout/sessions") {
      result = createSession(params);
    } else if (req.method === "POST" && path === "/v1/shipping_rates") {
      result = extras.createShippingRate(params);
    } else if (req.method === "POST" && path === "/v1/coupons") {
      result = extras.createCoupon(params);
    } else if (sessionMatch) {
      const session = sessions.get(sessionMatch[1]!);
      if (!session) result = stripeError(404, `No such checkout.session: '${sessionMatch[1]}'`, "id");
      else if (req.method === "GET" && !sessionMatch[2]) result = { status: 200, body: session };
      else if (req.method === "GET" && sessionMatch[2] === "/line_items") {
        result = {
          status: 200,
          body: { object: "list", data: lineItems.get(session.id) ?? [], has_more: false, url: `${path}` },
        };
      } else if (req.method === "POST" && sessionMatch[2] === "/expire") {
        result =
          session.status === "open"
            ? (expire(session), { status: 200, body: session })
            : stripeError(400, `Only open sessions can be expired (this one is ${session.status}).`);
      } else result = stripeError(404, "Unrecognized request URL.");
    } else if (req.method === "POST" && path === "/v1/refunds") {
      result = refunds.create(sessions.values(), params);
    } else {
      result = stripeError(404, `Unrecognized request URL (${req.method}: ${path}).`);
    }
    if (idempotencyKey && result.status < 500) idempotent.set(idempotencyKey, result);
    sendJson(res, result.status, result.body);
  }

  function hostedPage(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    const match = /^\/checkout\/([\w]+)(\/pay|\/decline|\/cancel)?$/.exec(path);
    const session = match ? sessions.get(match[1]!) : undefined;
    if (!match || !session) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("No such checkout session");
    }
    const page = (notice?: string, form?: URLSearchParams) => {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
      });
      res.end(renderCheckoutPage(session, lineItems.get(session.id) ?? [], checkoutOptions(session.id), notice, form));
    };
    if (req.method === "GET" && !match[2]) return page();
    if (req.method !== "POST") return page();
    if (session.status !== "open") return page(`This checkout is ${session.status}.`);
    if (match[2] === "/cancel") return redirect(res, session.cancel_url);
    if (match[2] === "/decline") return page("Your card was declined. Try another card.");
    const form = new URLSearchParams(body);
    const problem = extras.complete(session, lineItems.get(session.id) ?? [], sessionExtras.get(session.id)!, form);
    if (problem) return page(problem, form);
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = newId("pi");
    session.url = null;
    emit("checkout.session.completed", session);
    return redirect(res, session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    if (path === "/_emulator/health") return sendJson(res, 200, { ok: true });
    if (options.controls === false) return sendJson(res, 404, { error: "unknown control" });
    if (path === "/_emulator/events" && req.method === "GET")
      return sendJson(res, 200, { events: delivery.events, deliveries: delivery.deliveries });
    if (path === "/_emulator/mode" && req.method === "POST") {
      delivery.mode = { ...delivery.mode, ...(JSON.parse(body || "{}") as Partial<DeliveryMode>) };
      return sendJson(res, 200, delivery.mode);
    }
    if (path === "/_emulator/release" && req.method === "POST") {
      const { order = "original" } = JSON.parse(body || "{}") as { order?: "original" | "reverse" };
      return sendJson(res, 200, { delivered: await delivery.release(order) });
    }
    const resend = /^\/_emulator\/events\/([\w]+)\/resend$/.exec(path);
    if (resend && req.method === "POST") {
      const event = delivery.events.find((e) => e.id === resend[1]);
      if (!event) return sendJson(res, 404, { error: "no such event" });
      await delivery.deliverOnce(event);
      return sendJson(res, 200, { resent: event.id });
    }
    const expireNow = /^\/_emulator\/sessions\/([\w]+)\/expire$/.exec(path);
    if (expireNow && req.method === "POST") {
      const session = sessions.get(expireNow[1]!);
      return sendJson(res, session && expire(session) ? 200 : 400, { id: expireNow[1] });
    }
    return sendJson(res, 404, { error: "unknown control" });
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://emulator").pathname;
      const body = await readBody(req);
      try {
        if (path.startsWith("/v1/")) return await api(req, res, path, body);
        if (path.startsWith("/checkout/")) return hostedPage(req, res, path, body);
        if (path.startsWith("/_emulator/")) return await control(req, res, path, body);
        sendJson(res, 404, { error: { type: "invalid_request_error", message: "Unrecognized request URL." } });
      } catch (error) {
        sendJson(res, 500, { error: { type: "api_error", message: String(error) } });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://localhost:${port}`;
  return {
    url: baseUrl,
    sessions,
    events: delivery.events,
    deliveries: delivery.deliveries,
    close: async () => {
      clearInterval(sweeper);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
