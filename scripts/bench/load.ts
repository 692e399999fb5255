// Load generation for `npm run bench`: autocannon for pages, a plain HTTP client for sign-ins.
// Every request carries its own client address (X-Forwarded-For, one trusted hop), so the rate
// limiter is on and never blocks the bench.
import autocannon from "autocannon";
import { Agent, request as httpRequest } from "node:http";
import { BENCH_PASSWORD, BENCH_SHOPPERS } from "./catalog-copy";
import type { BenchServer } from "./servers";

let addressCounter = 0;
/** A fresh address from 10.0.0.0/8 for every request. */
export function nextAddress(): string {
  addressCounter = (addressCounter + 1) % 16_000_000;
  const n = addressCounter + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export type LoadResult = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

/** One autocannon run against `path` (a function: a new path per request). */
export async function drive(
  server: BenchServer,
  path: string | (() => string),
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const pathFor = typeof path === "string" ? () => path : path;
  const result = await autocannon({
    url: server.origin,
    connections: options.connections,
    duration: options.seconds,
    headers: { host: `localhost:${server.port}` },
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({
          ...request,
          path: pathFor(),
          headers: { ...request.headers, "x-forwarded-for": nextAddress() },
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The Cookie header for what a response set, merged with what was sent. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    if (at > 0) jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

let shopper = 0;

/** One end-to-end sign-in as the browser makes it: the CSRF token, then the credentials. */
export async function signInOnce(server: BenchServer): Promise<{ ms: number; csrfMs: number; ok: boolean }> {
  shopper = (shopper % BENCH_SHOPPERS) + 1;
  const address = nextAddress();
  const headers = { host: `localhost:${server.port}`, "x-forwarded-for": address };
  const jar = new Map<string, string>();
  const start = performance.now();
  const csrf = await fetch(`${server.origin}/api/auth/csrf`, { headers });
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfMs = performance.now() - start;
  const response = await fetch(`${server.origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    },
    body: new URLSearchParams({
      email: `bench-${shopper}@northwind.test`,
      password: BENCH_PASSWORD,
      website: "",
      csrfToken,
      callbackUrl: "/",
      json: "true",
    }).toString(),
  });
  await response.arrayBuffer();
  const ms = performance.now() - start;
  const ok = response.headers.getSetCookie().some((line) => /bulwark\.session=[^;]/.test(line));
  return { ms, csrfMs, ok };
}

/** Successful sign-ins per second with `workers` browsers signing in back to back. */
export async function signInThroughput(server: BenchServer, workers: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let succeeded = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) if ((await signInOnce(server)).ok) succeeded += 1;
    }),
  );
  return succeeded / seconds;
}

/** Shopper n's own address: a /24 of its own, so no hold cap per client or network is shared. */
function shopperAddress(n: number): string {
  return `172.${16 + ((n >> 8) & 15)}.${n & 255}.1`;
}

let checkoutShopper = 0;
const shopperAgent = new Agent({ keepAlive: true, maxSockets: 128 });

/**
 * A POST as the shop's own pages send it. node:http, not fetch: fetch adds `Sec-Fetch-Mode: cors`
 * without the rest of a browser's fetch metadata, which the guard rightly refuses as cross-site.
 */
function post(
  server: BenchServer,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        agent: shopperAgent,
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers["set-cookie"] ?? [] }));
      },
    );
    req.on("error", () => resolve({ status: 0, setCookie: [] }));
    req.end(body);
  });
}

/**
 * `workers` guest shoppers at once, each back to back for `seconds`: a cart with one unit, then
 * the checkout start (the order, the held stock, the Stripe session). Only the checkout request is
 * timed. Every shopper is new (cookies and address of its own), as at a sale's opening minute.
 */
export async function driveCheckouts(
  server: BenchServer,
  variantId: string,
  options: { workers: number; seconds: number },
): Promise<{ latencies: number[]; failed: number; statuses: Record<string, number> }> {
  const until = performance.now() + options.seconds * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (performance.now() < until) {
        const headers = {
          host: `localhost:${server.port}`,
          "x-forwarded-for": shopperAddress(checkoutShopper++),
          "content-type": "application/json",
          origin: `http://localhost:${server.port}`,
          "user-agent":
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
        };
        const added = await post(server, "/api/cart/items", headers, JSON.stringify({ variantId, quantity: 1 }));
        if (added.status !== 200) {
          count(added.status);
          failed += 1;
          // A refusal is counted, and the run goes on at a shopper's pace rather than a loop's.
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        const cookie = added.setCookie.map((line) => line.split(";")[0]).join("; ");
        const start = performance.now();
        const started = await post(server, "/api/checkout", { ...headers, cookie }, "{}");
        latencies.push(performance.now() - start);
        count(started.status);
        if (started.status !== 200) failed += 1;
      }
    }),
  );
  return { latencies, failed, statuses };
}
