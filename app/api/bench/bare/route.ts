import { z } from "zod";
import { getServerConfig } from "@/lib/env/server-config";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/**
 * GET /api/bench/bare: `npm run bench`'s reference route. Through the middleware and the guard
 * like every route, it does nothing else, so a route's latency over it is that route's own work.
 * 404 unless the bench server enables it (BULWARK_BENCH_PAGES=1).
 */
export const GET = guardedRoute(
  {
    name: "api.bench.bare",
    access: "public",
    schema: z.object({}).strict(),
    available: () => getServerConfig().BULWARK_BENCH_PAGES === "1",
  },
  async () => jsonNoStore({ ok: true }),
);
