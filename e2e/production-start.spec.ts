import { spawn } from "node:child_process";
import { expect, PORT, test } from "./fixtures";

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

test("NODE_ENV=development on the production build still demands production secrets, and exits", async () => {
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
