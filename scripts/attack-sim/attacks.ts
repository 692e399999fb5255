// The simulated attacks. Each is what a real bot does — rotating addresses inside a network it
// controls, a scanner's user agent, a burst or a slow trickle — and records every request's time
// and answer, so the run can tell what reached the application before and after containment.
import { randomInt } from "node:crypto";
import { newSimClient, send, signInAs, type SimResponse } from "./http-client";

export type Shot = { at: number; status: number };

export type Attack = {
  name: string;
  /** The detection rule that should catch it, and how its alert's key reads. */
  rule: string;
  key: string | RegExp;
  /** Whether the rule also contains (blocks), or only detects. */
  contains: boolean;
  /** The IPv4 network (three octets) the attack comes from, when it is one (a shopper is placed inside it too). */
  network?: string;
  /** A shopper's address inside the attack's network, when `network` cannot say it (IPv6). */
  neighbour?: string;
  /** Runs for `durationMs` (the base duration times --scale). */
  run: (origin: URL, storeHost: string, durationMs: number) => Promise<Shot[]>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends requests `concurrency` at a time, `pauseMs` apart per lane, for `durationMs`: a real bot
 * keeps going until it is stopped, so a run is measured in time, not in requests.
 */
async function fire(
  durationMs: number,
  concurrency: number,
  pauseMs: number,
  shoot: (i: number) => Promise<SimResponse>,
  limit = Number.POSITIVE_INFINITY,
) {
  const shots: Shot[] = [];
  const until = Date.now() + durationMs;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until && next < limit) {
        const i = next++;
        const at = Date.now();
        const { status } = await shoot(i);
        shots.push({ at, status });
        if (pauseMs) await sleep(pauseMs);
      }
    }),
  );
  return shots;
}

// Each attack gets a network of its own: two attacks of one rule in one /24 would be one incident.
const taken = new Set<number>();
function network(): string {
  let octet: number;
  do octet = randomInt(10, 250);
  while (taken.has(octet));
  taken.add(octet);
  return `203.0.${octet}`;
}
const run = Date.now().toString(36);

export function buildAttacks(): Attack[] {
  const stuffing = network();
  const slow = network();
  const forgery = network();
  const cards = network();
  const scannerIp = `198.51.100.${randomInt(2, 125)}`;
  const hiddenScannerIp = `198.51.100.${randomInt(126, 250)}`;
  const enumeratorIp = `198.51.103.${randomInt(2, 250)}`;
  // One site's IPv6 allocation (a /48), and each attempt from a /64 of its own inside it.
  const site = `2001:db8:${randomInt(0x100, 0xfff).toString(16)}`;
  return [
    {
      name: "credential stuffing (burst)",
      rule: "credential-stuffing",
      key: `${stuffing}.0/24`,
      contains: true,
      network: stuffing,
      run: (origin, host, durationMs) =>
        fire(durationMs, 4, 0, (i) =>
          signInAs(
            origin,
            newSimClient(`${stuffing}.${(i % 250) + 1}`, host),
            `leak-${run}-${i}@example.test`,
            `Pa55word-${i}`,
          ),
        ),
    },
    {
      name: "credential stuffing (low and slow)",
      rule: "credential-stuffing",
      key: `${slow}.0/24`,
      contains: true,
      network: slow,
      run: (origin, host, durationMs) =>
        fire(Math.max(durationMs, 8_000), 1, 500, (i) =>
          signInAs(
            origin,
            newSimClient(`${slow}.${(i % 250) + 1}`, host),
            `slow-${run}-${i}@example.test`,
            `Summer2026!${i}`,
          ),
        ),
    },
    {
      name: "scanner (sqlmap-like)",
      rule: "scanner-agent",
      key: scannerIp,
      contains: true,
      run: (origin, host, durationMs) => {
        const client = newSimClient(scannerIp, host, "sqlmap/1.8.4#stable (https://sqlmap.org)");
        const paths = [
          "/.env",
          "/.git/config",
          "/wp-login.php",
          "/search?q=1%27%20AND%201%3D1%20UNION%20SELECT%20NULL--",
          "/products?sort=price%27%20OR%20%271%27%3D%271",
          "/phpmyadmin/",
          "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
          "/server-status",
        ];
        return fire(durationMs, 2, 50, (i) => send(origin, client, paths[i % paths.length]!));
      },
    },
    {
      // The same probing from a tool that hides behind a browser's agent string (sqlmap's
      // --random-agent): only what it asks for gives it away.
      name: "scanner (browser agent)",
      rule: "scanner",
      key: hiddenScannerIp,
      contains: true,
      run: (origin, host, durationMs) => {
        const client = newSimClient(hiddenScannerIp, host);
        const paths = [
          "/search?q=wool%27%20AND%20SLEEP(5)--%20-",
          "/.env",
          "/products?sort=price%27%20OR%20%271%27%3D%271",
          "/search?q=%3Cscript%3Ealert(document.domain)%3C%2Fscript%3E",
          "/.git/HEAD",
          "/categories/footwear?page=..%2F..%2F..%2Fetc%2Fpasswd",
        ];
        return fire(durationMs, 2, 50, (i) => send(origin, client, paths[i % paths.length]!));
      },
    },
    {
      // A batch of stolen cards tried through the shop's checkout, one address each: every
      // checkout holds stock and opens a payment page. Detected, not blocked (checkout is never
      // refused to a network); the hold cap bounds what one address can hold.
      name: "card testing (checkouts from rotating addresses)",
      rule: "card-testing",
      key: `${cards}.0/24`,
      contains: false,
      network: cards,
      run: async (origin, host, durationMs) => {
        const variantId = await findWellStockedVariant(origin, host);
        const json = { "content-type": "application/json" };
        return fire(
          durationMs,
          2,
          200,
          async (i) => {
            const client = newSimClient(`${cards}.${(i % 250) + 1}`, host);
            const body = JSON.stringify({ variantId, quantity: 1 });
            const added = await send(origin, client, "/api/cart/items", { method: "POST", headers: json, body });
            if (added.status !== 200) return added;
            return send(origin, client, "/api/checkout", { method: "POST", headers: json, body: "{}" });
          },
          // A batch of twenty cards: past the rule's threshold, short of selling the variant out.
          20,
        );
      },
    },
    {
      name: "webhook forgery",
      rule: "webhook-forgery",
      key: `${forgery}.0/24`,
      contains: true,
      run: (origin, host, durationMs) =>
        fire(durationMs, 2, 100, (i) =>
          send(origin, newSimClient(`${forgery}.${(i % 250) + 1}`, host), "/api/webhooks/stripe", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`,
            },
            body: JSON.stringify({ id: `evt_forged_${i}`, type: "checkout.session.completed", data: { object: {} } }),
          }),
        ),
    },
    {
      name: "credential stuffing (rotating IPv6 /64s)",
      rule: "credential-stuffing",
      key: `${site}::/48`,
      contains: true,
      neighbour: `${site}:ffff::251`,
      run: (origin, host, durationMs) =>
        fire(durationMs, 3, 0, (i) =>
          signInAs(
            origin,
            newSimClient(`${site}:${((i % 0xfffe) + 1).toString(16)}::${randomInt(1, 0xffff).toString(16)}`, host),
            `six-${run}-${i}@example.test`,
            `Pa55word-${i}`,
          ),
        ),
    },
    {
      // One common password against many accounts, each attempt from another network, slowly:
      // nothing per network, per account or per store reaches a threshold — only the password does.
      name: "password spraying (one password, many networks)",
      rule: "password-spraying",
      key: /^[0-9a-f]{5}$/,
      contains: false,
      run: (origin, host, durationMs) =>
        fire(durationMs, 1, 400, (i) =>
          signInAs(
            origin,
            newSimClient(`100.${80 + (i % 40)}.${randomInt(0, 255)}.${randomInt(2, 250)}`, host),
            `spray-${run}-${i}@example.test`,
            `Winter-${run}!`,
          ),
        ),
    },
    {
      // A content-discovery tool's word list (gobuster, dirb) behind a browser's agent string:
      // nothing it asks for is sensitive in itself, but nothing it asks for exists.
      name: "path enumeration (word list)",
      rule: "path-enumeration",
      key: enumeratorIp,
      contains: true,
      run: (origin, host, durationMs) => {
        const client = newSimClient(enumeratorIp, host);
        const words = [
          "backup",
          "old",
          "test",
          "dev",
          "staging",
          "admin2",
          "api/v1/users",
          "console",
          "debug",
          "private",
        ];
        return fire(durationMs, 2, 50, (i) =>
          send(origin, client, `/${words[i % words.length]}${i >= words.length ? i : ""}`),
        );
      },
    },
    {
      name: "distributed brute force (one account, many networks)",
      rule: "distributed-brute-force",
      // Accounts appear in alerts only as a keyed pseudonym: first letter, domain, hash.
      key: /^t…@example\.test#[0-9a-f]{12}$/,
      contains: false,
      run: (origin, host, durationMs) =>
        fire(durationMs, 1, 300, (i) =>
          signInAs(
            origin,
            newSimClient(`192.0.${(i % 200) + 20}.${randomInt(2, 250)}`, host),
            `target-${run}@example.test`,
            `guess-${i}`,
          ),
        ),
    },
  ];
}

/**
 * The variant with the most stock among the first catalog page's products, read from the pages a
 * browser gets (the variant picker's data), so the card tester's checkouts do not sell it out.
 */
export async function findWellStockedVariant(origin: URL, host: string): Promise<string> {
  const client = newSimClient("192.0.2.251", host);
  const listing = await send(origin, client, "/products");
  const slugs = [...new Set([...listing.body.matchAll(/href="\/products\/([a-z0-9-]+)"/g)].map((m) => m[1]!))];
  let best = { id: "", stock: -1 };
  for (const slug of slugs.slice(0, 6)) {
    const page = await send(origin, client, `/products/${slug}`);
    for (const m of page.body.matchAll(/\\"id\\":\\"(c[a-z0-9]{20,40})\\",\\"sku\\"[^{}]*?\\"stock\\":(\d+)/g)) {
      if (Number(m[2]) > best.stock) best = { id: m[1]!, stock: Number(m[2]) };
    }
  }
  if (!best.id) throw new Error("card testing: no variant found on the first catalog page");
  return best.id;
}

/** Requests an attack sent that the edge stopped (contained, rate-limited) rather than the application answering. */
export function isStopped(status: number): boolean {
  return status === 403 || status === 429;
}
