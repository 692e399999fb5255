import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Issue 9, item 1: a production start must never take free orders. These run the real launcher
// and the real emulator entry point as a user would start them.

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "bulwark-demo-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cleanEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(STRIPE_|BULWARK_DEMO|NEXTAUTH_SECRET)/.test(key)) delete env[key];
  return env;
};

describe("npm start without Stripe keys", () => {
  it("refuses before touching anything, and names the demo switch", () => {
    const database = path.join(scratch, "never.db");
    const result = spawnSync("node", ["scripts/launch.mjs", "start"], {
      cwd: root,
      env: { ...cleanEnv(), DATABASE_URL: `file:${database}` },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set/);
    expect(result.stderr).toMatch(/BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY=1 npm start/);
    expect(existsSync(database)).toBe(false);
  });
});

const tsx = path.join(root, "node_modules/.bin/tsx");
const emulatorMain = path.join(root, "scripts/stripe-emulator/main.ts");

describe("the Stripe emulator behind a production build", () => {
  it("refuses to start without the demo switch, and without the per-boot webhook secret", () => {
    const plain = spawnSync(tsx, [emulatorMain], {
      cwd: root,
      env: { ...cleanEnv(), NODE_ENV: "production", STRIPE_EMULATOR_PORT: "0" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY/);
    const noSecret = spawnSync(tsx, [emulatorMain], {
      cwd: root,
      env: {
        ...cleanEnv(),
        NODE_ENV: "production",
        BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
        STRIPE_EMULATOR_PORT: "0",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toMatch(/STRIPE_WEBHOOK_SECRET/);
  });

  it("in demo mode listens on 127.0.0.1 only, with its test switches off", async () => {
    const port = 20_000 + (process.pid % 5_000);
    const child = spawn(tsx, [emulatorMain], {
      cwd: root,
      env: {
        ...cleanEnv(),
        NODE_ENV: "production",
        BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
        STRIPE_WEBHOOK_SECRET: "whsec_randomforthisboot",
        STRIPE_EMULATOR_PORT: String(port),
      },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        healthy = await fetch(`${base}/_emulator/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 100));
      }
      expect(healthy).toBe(true);
      for (const control of ["/_emulator/mode", "/_emulator/release", "/_emulator/events/evt_1/resend"]) {
        expect((await fetch(`${base}${control}`, { method: "POST", body: "{}" })).status, control).toBe(404);
      }
      expect((await fetch(`${base}/_emulator/events`)).status).toBe(404);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === "IPv4" && !address.internal)?.address;
      if (external) {
        const reached = await new Promise<boolean>((resolve) => {
          const socket = connect({ host: external, port }, () => {
            socket.destroy();
            resolve(true);
          });
          socket.on("error", () => resolve(false));
        });
        expect(reached).toBe(false);
      }
    } finally {
      child.kill("SIGTERM");
    }
  });
});
