import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, PORT, test } from "./fixtures";
import { DEMO_PASSWORD, signInThroughForm } from "./support/flows";
import { tagAsvs } from "../security/asvs-ids";

// Issue 9 (red-team findings): the production build started by hand, not through `npm start`.
// It is production whatever NODE_ENV says, and with an invalid configuration it exits instead of
// listening and answering 500 to everything.

function startServer(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(STRIPE_|NEXTAUTH_SECRET|BULWARK_DEMO|E2E_WEBHOOK)/.test(key)),
  ) as NodeJS.ProcessEnv;
  const child = spawn("node", ["scripts/server.mjs"], {
    env: {
      ...clean,
      NEXT_DIST_DIR: ".next-e2e",
      DATABASE_URL: "file:./data/e2e-start.db",
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test(`${tagAsvs("V14.3.2")} NODE_ENV=development on the production build still demands production secrets, and exits`, async () => {
  const port = PORT + 50;
  const server = startServer({ NODE_ENV: "development", PORT: String(port) });
  const code = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r("still running"), 60_000))]);
  if (code === "still running") server.child.kill("SIGKILL");
  expect(code).toBe(1);
  expect(server.output()).toMatch(/Invalid configuration[\s\S]*NEXTAUTH_SECRET: is required in production/);
  expect(server.output()).toMatch(/STRIPE_WEBHOOK_SECRET: is required in production/);
  const reachable = await fetch(`http://127.0.0.1:${port}/robots.txt`).then(
    () => true,
    () => false,
  );
  expect(reachable).toBe(false);
});

test.describe("an empty production database", () => {
  // The refused demo sign-in is a 401 the browser logs.
  test.use({ allowedConsoleErrors: /status of 401/ });

  test(`${tagAsvs("V2.5.4")} npm start on an empty database creates no demo account; the first administrator comes from admin:create`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const port = PORT + 51;
    const database = path.resolve("data/e2e-empty.db");
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
    const env = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^(STRIPE_|BULWARK_DEMO|E2E_WEBHOOK|NODE_ENV)/.test(key)),
      ),
      NEXT_DIST_DIR: ".next-e2e",
      DATABASE_URL: `file:${database}`,
      NEXTAUTH_SECRET: "empty-start-secret-0123456789abcdef0123456789",
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_EMULATOR_PORT: String(PORT + 52),
      PLATFORM_HOST: "admin.localhost",
      PORT: String(port),
    } as unknown as NodeJS.ProcessEnv;
    // Its own process group, so the emulator the launcher starts goes with it.
    const launcher = spawn("node", ["scripts/launch.mjs", "start"], { env, stdio: "ignore", detached: true });
    try {
      await expect
        .poll(
          () =>
            fetch(`http://127.0.0.1:${port}/robots.txt`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 90_000 },
        )
        .not.toBe(0);
      const db = new Database(database, { readonly: true });
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count(`SELECT count(*) AS n FROM "User"`)).toBe(0);
      expect(count(`SELECT count(*) AS n FROM "Tenant" WHERE "kind" = 'STORE'`)).toBe(0);
      expect(count(`SELECT count(*) AS n FROM "Tenant" WHERE "kind" = 'PLATFORM'`)).toBe(1);
      db.close();

      // The published demo password opens nothing.
      const signIn = `http://admin.localhost:${port}/admin/sign-in`;
      await signInThroughForm(page, "admin@bulwark.test", DEMO_PASSWORD, signIn);
      await expect(page.locator("#sign-in-error")).toContainText("We couldn't sign you in");

      // Demo data is refused in production; an administrator is made by the command.
      const seed = spawnSync("npm", ["run", "--silent", "db:seed", "--", "--demo"], {
        env: { ...env, NODE_ENV: "production" },
        encoding: "utf8",
      });
      expect(seed.status).toBe(1);
      expect(seed.stderr).toContain("Refusing to seed demo accounts with NODE_ENV=production");
      const created = spawnSync(
        "npm",
        ["run", "--silent", "admin:create", "--", "--email", "ops@example.test", "--name", "Ops"],
        {
          env: { ...env, NODE_ENV: "production", STRIPE_WEBHOOK_SECRET: "whsec_unused" },
          input: "quartz harbour meadow kite\n",
          encoding: "utf8",
        },
      );
      expect(created.stdout + created.stderr).toContain("Administrator ops@example.test created");
      await signInThroughForm(page, "ops@example.test", "quartz harbour meadow kite", signIn);
      await expect(page).toHaveURL(/\/admin\/two-factor/);
      await expect(page.getByText("Administrators must use two-step verification")).toBeVisible();
    } finally {
      process.kill(-launcher.pid!, "SIGTERM");
    }
  });
});

test(`npm run package: the packaged build starts with one command, away from the checkout, on an empty database`, async ({
  page,
}) => {
  test.setTimeout(150_000);
  const port = PORT + 53;
  // Outside the checkout: Node would otherwise find whatever the package lacks in ../node_modules.
  const out = path.join(tmpdir(), `bulwark-package-${process.pid}`);
  const packaged = spawnSync("node", ["scripts/package-standalone.mjs", "--dist-dir", ".next-e2e", "--out", out], {
    encoding: "utf8",
  });
  expect(packaged.status, packaged.stderr).toBe(0);
  expect(existsSync(path.join(out, "node_modules", ".bin"))).toBe(false);
  // Started with nothing configured, it says what it needs before it writes anything.
  const bare = spawnSync("node", ["scripts/launch.mjs", "start"], {
    cwd: out,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME! } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  expect(bare.status).toBe(1);
  expect(bare.stderr).toContain("This packaged build takes real payments only");
  expect(bare.stderr).not.toContain("BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY");
  expect(existsSync(path.join(out, "data"))).toBe(false);
  const env = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    PORT: String(port),
    DATABASE_URL: "file:./data/production.db",
    NEXTAUTH_SECRET: "packaged-start-secret-0123456789abcdef0123456789",
    STRIPE_SECRET_KEY: "sk_test_packaged_build",
    STRIPE_WEBHOOK_SECRET: "whsec_packaged_build",
    PLATFORM_HOST: "admin.localhost",
    SMTP_URL: `smtp://127.0.0.1:${PORT + 54}`,
    MAIL_FROM_ADDRESS: "shop@example.test",
  };
  const launcher = spawn("node", ["scripts/launch.mjs", "start"], {
    cwd: out,
    env: env as unknown as NodeJS.ProcessEnv,
    stdio: "ignore",
    detached: true,
  });
  try {
    const signIn = `http://admin.localhost:${port}/admin/sign-in`;
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/robots.txt`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 90_000 },
      )
      .not.toBe(0);
    // The page renders with its styles and scripts: the build's static files came along.
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(signIn);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    // Migrated, and nothing else created.
    const db = new Database(path.join(out, "data", "production.db"), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`)).toBe(
      readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory()).length,
    );
    expect(count(`SELECT count(*) AS n FROM "User"`)).toBe(0);
    db.close();
  } finally {
    // Leave the page first: its link prefetches would meet a stopped server (console errors).
    await page.goto("about:blank");
    process.kill(-launcher.pid!, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rmSync(out, { recursive: true, force: true });
  }
});
