// Load generation for `npm run bench`: autocannon for pages, a plain HTTP client for sign-ins.
// Every request carries its own client address (X-Forwarded-For, one trusted hop), so the rate
// limiter is on and never blocks the bench.
import autocannon from "autocannon";
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
