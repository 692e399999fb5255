import { afterEach, describe, expect, it } from "vitest";
import BenchInLayoutPage from "@/app/%5Ftenant/[host]/(store)/bench/in-layout/page";
import BenchTrivialPage from "@/app/%5Ftenant/[host]/bench/trivial/page";

// The reference pages `npm run bench` measures exist only on a server started for the bench.

describe("the bench's reference pages", () => {
  afterEach(() => {
    delete process.env.BULWARK_BENCH_PAGES;
  });

  it("answer 404 unless BULWARK_BENCH_PAGES=1", async () => {
    delete process.env.BULWARK_BENCH_PAGES;
    for (const page of [BenchTrivialPage, BenchInLayoutPage]) {
      await expect(page()).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    }
  });
});
