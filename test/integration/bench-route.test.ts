import "../support/in-process-mocks";
import { afterEach, describe, expect, it } from "vitest";
import { resetServerConfigForTests } from "@/lib/env/server-config";
import { listRouteHandlers } from "../support/handler-catalog";
import { callRoute } from "../support/handler-call";

// `npm run bench` compares checkout starts with a bare route: the guard and nothing else. It is
// served only by a server started for the bench.

describe("the bench's bare route", () => {
  afterEach(() => {
    delete process.env.BULWARK_BENCH_PAGES;
    resetServerConfigForTests();
  });

  it("answers 404 unless BULWARK_BENCH_PAGES=1, and only its small answer when it is", async () => {
    const entry = (await listRouteHandlers()).find(
      (candidate) => candidate.template === "/api/bench/bare" && candidate.method === "GET",
    );
    expect(entry?.mark.access).toBe("public");
    delete process.env.BULWARK_BENCH_PAGES;
    resetServerConfigForTests();
    expect((await callRoute(entry!, { user: null })).status).toBe(404);
    // Not even a field it would refuse tells that it exists.
    for (const query of ["x=1", "__proto__=1", `a=${"b".repeat(5_000)}`]) {
      const answer = await callRoute(entry!, { user: null, query });
      expect(answer.status, query).toBe(404);
      expect(answer.text, query).not.toMatch(/Unrecognized|fieldErrors/);
    }
    process.env.BULWARK_BENCH_PAGES = "1";
    resetServerConfigForTests();
    const served = await callRoute(entry!, { user: null });
    expect(served.status).toBe(200);
    expect(JSON.parse(served.text)).toEqual({ ok: true });
    // Through the guard like every route: a field it does not take is refused.
    expect((await callRoute(entry!, { user: null, query: "extra=1" })).status).toBe(400);
  });
});
