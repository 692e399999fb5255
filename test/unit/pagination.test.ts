import { describe, expect, it } from "vitest";
import { pageWindow } from "@/app/%5Ftenant/[host]/(store)/_components/pagination";

describe("pagination", () => {
  it("links the first, the last and two pages either side of the current one, whatever the count", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(1, 100)).toEqual([1, 2, 3, null, 100]);
    expect(pageWindow(50, 100)).toEqual([1, null, 48, 49, 50, 51, 52, null, 100]);
    expect(pageWindow(100, 100)).toEqual([1, null, 98, 99, 100]);
    expect(pageWindow(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (let count = 1; count <= 500; count += 37) {
      for (const page of [1, Math.ceil(count / 2), count])
        expect(pageWindow(page, count).length).toBeLessThanOrEqual(9);
    }
  });
});
