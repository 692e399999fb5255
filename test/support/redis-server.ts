import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type RunningRedis = { socket: string; stop: () => Promise<void> };

/** Starts a private redis-server on a Unix socket (no TCP port to collide with), for one test file. */
export async function startRedisServer(): Promise<RunningRedis> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error("redis-server is not installed: `npm test` installs it (scripts/ensure-prerequisites.mjs)");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "bulwark-redis-"));
  const socket = path.join(dir, "redis.sock");
  const child: ChildProcess = spawn(
    "redis-server",
    [
      "--port",
      "0",
      "--unixsocket",
      socket,
      "--unixsocketperm",
      "700",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
    ],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) {
    child.kill();
    throw new Error("redis-server did not start");
  }
  return {
    socket,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
