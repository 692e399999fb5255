// npm run attack:sim -- --base-url http://localhost:3000 [--scale 1] [--out security/attack-sim]
//
// Drives real attacks against a running instance while simulated shoppers browse, search and sign
// in, then reads the alerts the instance raised (GET /api/admin/alerts, as an administrator) and
// prints, per attack: time to detection (MTTD) and to containment from its first request, the
// malicious requests that reached the application before and after containment, and the
// legitimate requests refused. The instance must trust one proxy hop (TRUSTED_PROXY_HOPS=1): the
// simulated clients name their own addresses in X-Forwarded-For. Administrator credentials come
// from ATTACK_SIM_ADMIN_EMAIL, ATTACK_SIM_ADMIN_PASSWORD and ATTACK_SIM_ADMIN_OTP (a code from the
// authenticator app, or a recovery code).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildAttacks, findWellStockedVariant, isStopped, type Attack, type Shot } from "./attacks";
import { buyOnce } from "./purchase";
import { closeSimClients, newSimClient, send, signInAs, type SimClient, type SimResponse } from "./http-client";
import { renderMarkdown, type AttackResult, type SimReport } from "./report";
import { buildSqlmapAttack, isSqlmapInstalled } from "./sqlmap";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://localhost:3000" },
    "store-host": { type: "string", default: "localhost" },
    "admin-host": { type: "string", default: "admin.localhost" },
    scale: { type: "string", default: "1" },
    out: { type: "string", default: "security/attack-sim" },
    // The account the simulated shoppers sign in to (the demo shopper, where the demo is seeded).
    "shopper-email": { type: "string", default: "shopper@northwind.test" },
    "shopper-password": { type: "string", default: "correct-horse-battery-staple" },
    // Also run the real sqlmap (Debian's package) against a store's search.
    "with-sqlmap": { type: "boolean", default: false },
  },
});
const origin = new URL(values["base-url"]!);
const storeHost = values["store-host"]!;
const scale = Math.min(10, Math.max(0.1, Number(values.scale) || 1));
/** How long each attack runs at --scale 1. */
const BASE_DURATION_MS = 30_000;

type Alert = { rule: string; key: string; firstEventAt: string; detectedAt: string; containedAt: string | null };

async function adminClient(): Promise<SimClient> {
  const email = process.env.ATTACK_SIM_ADMIN_EMAIL;
  const password = process.env.ATTACK_SIM_ADMIN_PASSWORD;
  const otp = process.env.ATTACK_SIM_ADMIN_OTP;
  if (!email || !password || !otp) {
    console.error("Set ATTACK_SIM_ADMIN_EMAIL, ATTACK_SIM_ADMIN_PASSWORD and ATTACK_SIM_ADMIN_OTP to read the alerts.");
    process.exit(2);
  }
  const client = newSimClient("192.0.2.250", values["admin-host"]!);
  const signedIn = await signInAs(origin, client, email, password, otp);
  if (signedIn.status !== 200 || signedIn.body.includes("error=")) {
    console.error(`The administrator could not sign in (HTTP ${signedIn.status}).`);
    process.exit(2);
  }
  return client;
}

async function readAlerts(admin: SimClient, since: number): Promise<Alert[]> {
  const response = await send(
    origin,
    admin,
    `/api/admin/alerts?since=${encodeURIComponent(new Date(since).toISOString())}`,
  );
  return response.status === 200 ? (JSON.parse(response.body) as Alert[]) : [];
}

/**
 * Shoppers who keep browsing and searching while the attacks run: some on networks of their own,
 * and one inside each attacking network (the neighbours containment must not shut out). Each signs
 * in at the start (to --shopper-email); the neighbours sign in again every fifteen requests (about
 * twenty seconds), through the attack and its containment; the others each buy something once.
 */
function startShoppers(count: number, neighbours: string[], variant: Promise<string>) {
  const tally = { requests: 0, refused: 0, refusedExamples: [] as string[], purchases: 0 };
  let running = true;
  const shopper = async (ip: string, neighbour: boolean) => {
    const client = newSimClient(ip, storeHost);
    const note = (response: SimResponse, what: string, failed = false) => {
      tally.requests += 1;
      if (!failed && ![0, 403, 429].includes(response.status) && response.status < 500) return;
      tally.refused += 1;
      if (tally.refusedExamples.length < 5)
        tally.refusedExamples.push(
          `${response.status} ${what} from ${ip}${neighbour ? " (neighbour)" : ""}: ${response.body.replace(/\s+/g, " ").slice(0, 160)}`,
        );
    };
    const paths = ["/", "/products", "/search?q=wool", "/categories/footwear", "/products?sort=price-asc", "/cart"];
    for (let i = 0; running; i++) {
      if (!neighbour && i === 3) {
        // As a guest, from the same address: the shoppers share one account, and so its cart.
        const answers = await buyOnce(origin, newSimClient(ip, storeHost), await variant);
        for (const answer of answers) note(answer, "purchase", answer.status !== 200);
        if (answers.length === 4 && answers.every((answer) => answer.status === 200)) tally.purchases += 1;
      }
      if (i === 0 || (neighbour && i % 15 === 0)) {
        const response = await signInAs(origin, client, values["shopper-email"]!, values["shopper-password"]!);
        // A shopper who cannot sign in is refused too, whatever the status says (next-auth answers
        // a failed sign-in with a 401 and an error in the URL it returns).
        note(response, "sign-in", response.status !== 200 || response.body.includes("error="));
      } else {
        const path = paths[i % paths.length]!;
        note(await send(origin, client, path), path);
      }
      // A person's pace, or close to it: a page a second (catalog scraping is ten times that).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  const done = Promise.all([
    ...Array.from({ length: count }, (_, n) => shopper(`100.64.${n + 1}.${10 + n}`, false)),
    ...neighbours.map((address) => shopper(address, true)),
  ]);
  return {
    tally,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const keyMatches = (attack: Attack, key: string) =>
  typeof attack.key === "string" ? attack.key === key : attack.key.test(key);

async function measure(attack: Attack, shots: Shot[], admin: SimClient): Promise<AttackResult> {
  const first = Math.min(...shots.map((shot) => shot.at));
  let alert: Alert | undefined;
  // Detection runs every couple of seconds: wait up to 20 s after the attack for its alert.
  for (let waited = 0; waited <= 20_000 && !alert; waited += 500) {
    alert = (await readAlerts(admin, first - 60_000)).find(
      (a) => a.rule === attack.rule && keyMatches(attack, a.key) && Date.parse(a.detectedAt) >= first - 1_000,
    );
    if (!alert) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const containedAt = alert?.containedAt ? Date.parse(alert.containedAt) : null;
  const reached = shots.filter((shot) => !isStopped(shot.status));
  return {
    attack: attack.name,
    rule: attack.rule,
    requests: shots.length,
    detected: !!alert,
    mttdMs: alert ? Date.parse(alert.detectedAt) - first : null,
    containMs: containedAt ? containedAt - first : null,
    contains: attack.contains,
    reachedBeforeContainment: reached.filter((shot) => containedAt === null || shot.at < containedAt).length,
    reachedAfterContainment: containedAt === null ? 0 : reached.filter((shot) => shot.at >= containedAt).length,
    stopped: shots.length - reached.length,
    statuses: shots.reduce<Record<string, number>>((count, shot) => {
      count[shot.status] = (count[shot.status] ?? 0) + 1;
      return count;
    }, {}),
  };
}

if (values["with-sqlmap"] && !isSqlmapInstalled()) {
  console.error("--with-sqlmap: sqlmap is not installed (apt-get install sqlmap).");
  process.exit(2);
}
const admin = await adminClient();
const attacks = [
  ...buildAttacks(),
  ...(values["with-sqlmap"] ? [buildSqlmapAttack(`198.51.101.${1 + Math.floor(Math.random() * 250)}`)] : []),
];
const shoppers = startShoppers(
  4,
  attacks.flatMap((attack) =>
    attack.neighbour ? [attack.neighbour] : attack.network ? [`${attack.network}.251`] : [],
  ),
  findWellStockedVariant(origin, storeHost),
);
const started = Date.now();
const results: AttackResult[] = [];
for (const attack of attacks) {
  const shots = await attack.run(origin, storeHost, Math.round(BASE_DURATION_MS * scale));
  results.push(await measure(attack, shots, admin));
  console.log(`${attack.name}: ${JSON.stringify(results.at(-1))}`);
}
await shoppers.stop();
closeSimClients();

const malicious = results.reduce((sum, r) => sum + r.requests, 0);
const stopped = results.reduce((sum, r) => sum + r.stopped, 0);
const report: SimReport = {
  baseUrl: origin.origin,
  scale,
  startedAt: new Date(started).toISOString(),
  durationMs: Date.now() - started,
  attacks: results,
  totals: {
    maliciousRequests: malicious,
    stoppedBeforeBusinessLogic: stopped,
    botMitigationRate: malicious ? stopped / malicious : 0,
    legitimateRequests: shoppers.tally.requests,
    legitimateRefused: shoppers.tally.refused,
    legitimateRefusedExamples: shoppers.tally.refusedExamples,
    purchases: shoppers.tally.purchases,
  },
};
const out = path.resolve(values.out!);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
const markdown = renderMarkdown(report);
writeFileSync(path.join(out, "latest.md"), markdown);
console.log(`\n${markdown}`);
process.exit(results.every((r) => r.detected) && shoppers.tally.refused === 0 ? 0 : 1);
