// For the end-to-end run: a private redis-server behind the Upstash REST stand-in, shared by the
// app instances that use the Upstash backend. Runs until Playwright stops it.
import { startRedisServer } from "../test/support/redis-server";
import { startUpstashRestServer } from "../test/support/upstash-rest-server";

const port = Number(process.env.E2E_UPSTASH_PORT || 3190);
const redis = await startRedisServer();
const rest = await startUpstashRestServer(redis.socket, process.env.E2E_UPSTASH_TOKEN || "e2e-upstash-token", port);
console.log(`Upstash REST stand-in on ${rest.url}`);

async function stop() {
  await rest.close();
  await redis.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
