#!/usr/bin/env node
// `npm run dev` and `npm start`: prepare the database, make sure there is a session secret, then
// start the server (scripts/server.mjs). Usage: node scripts/launch.mjs dev|start [-p PORT]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvFiles, prepareDatabase } from "./prepare-db.mjs";

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") {
  console.error("Usage: node scripts/launch.mjs dev|start");
  process.exit(2);
}

loadEnvFiles();

// Payments first, before any work: a production start without Stripe keys takes free orders
// unless it is the explicit demo mode. A packaged build (npm run package) carries no emulator, so
// it has no demo mode: it says so before it touches the database or writes a secret.
const emulated = !process.env.STRIPE_SECRET_KEY;
const tsx = "node_modules/.bin/tsx";
if (emulated && !existsSync(tsx)) {
  console.error("This packaged build takes real payments only: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.");
  process.exit(1);
}
if (mode === "start" && emulated && process.env.BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY !== "1") {
  console.error(
    [
      "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set to start in production.",
      "To try the production build without real payments, start it in demo mode:",
      "  BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY=1 npm start",
    ].join("\n"),
  );
  process.exit(1);
}

// Development gets the demo stores; a production start migrates and creates nothing else (make the
// first administrator with `npm run admin:create`).
prepareDatabase({ demo: mode === "dev" });

/** A random secret kept in data/ for this checkout, so sessions survive restarts. */
function localSecret(name) {
  const file = path.resolve("data", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

if (!process.env.NEXTAUTH_SECRET) {
  const localDatabase = /^(libsql\+)?file:/.test(process.env.DATABASE_URL ?? "file:");
  if (mode === "dev") {
    process.env.NEXTAUTH_SECRET = localSecret("dev-secret");
  } else if (localDatabase) {
    // A production build tried out locally. A real deployment sets NEXTAUTH_SECRET itself; the
    // server refuses to start without one when this script is not in front of it.
    console.warn("⚠ NEXTAUTH_SECRET is not set: using a random secret kept in data/local-secret for this local run.");
    process.env.NEXTAUTH_SECRET = localSecret("local-secret");
  } else {
    console.error("NEXTAUTH_SECRET must be set to start in production (32+ random characters).");
    process.exit(1);
  }
}

const portFlag = nextArgs.findIndex((arg) => arg === "-p" || arg === "--port");
if (portFlag !== -1 && nextArgs[portFlag + 1]) process.env.PORT = nextArgs[portFlag + 1];
process.env.PORT ??= "3000";

// Without Stripe keys, payments go to the local Stripe emulator, started here beside the app on
// 127.0.0.1. A production start refuses that unless the loud demo switch is set; either way the
// webhook secret is random for this boot and shared only between the app and the emulator, so
// nobody can sign a "payment succeeded" event with a published constant.
const children = [];
if (emulated) {
  if (mode === "start") {
    console.warn("⚠ DEMO PAYMENTS: checkout uses the local Stripe emulator. No real payment is possible.");
  }
  const emulatorPort = process.env.STRIPE_EMULATOR_PORT || "12111";
  process.env.STRIPE_API_URL = `http://127.0.0.1:${emulatorPort}`;
  process.env.STRIPE_WEBHOOK_SECRET = `whsec_${randomBytes(32).toString("hex")}`;
  children.push(
    spawn(tsx, ["scripts/stripe-emulator/main.ts"], {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: mode === "dev" ? "development" : "production",
        STRIPE_EMULATOR_PORT: emulatorPort,
        STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${process.env.PORT}/api/webhooks/stripe`,
      },
    }),
  );
}
const child = spawn("node", ["scripts/server.mjs", ...(mode === "dev" ? ["--dev"] : [])], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: mode === "dev" ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" },
});
children.push(child);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => children.forEach((c) => c.kill(signal)));
child.on("exit", (code) => {
  children.forEach((c) => c.kill("SIGTERM"));
  process.exit(code ?? 0);
});
