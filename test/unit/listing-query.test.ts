import { describe, expect, it } from "vitest";
import { MAX_PAGE, MAX_SEARCH_LENGTH, parseListingQuery, toSearchTerms } from "@/lib/catalog/listing-query";
import { tagAsvs } from "@/security/asvs-ids";

describe("parseListingQuery", () => {
  it("gives defaults for an empty query", () => {
    expect(parseListingQuery({}, "USD")).toEqual({
      sort: "featured",
      page: 1,
      inStock: false,
      q: "",
      qTruncated: false,
    });
  });

  it("reads every valid parameter", () => {
    const query = parseListingQuery(
      {
        sort: "price-desc",
        page: "3",
        min: "10",
        max: "99.5",
        inStock: "1",
        size: "M",
        color: "Navy",
        q: " wool  socks ",
      },
      "USD",
    );
    expect(query).toEqual({
      sort: "price-desc",
      page: 3,
      minPriceMinor: 1000,
      maxPriceMinor: 9950,
      inStock: true,
      size: "M",
      color: "Navy",
      q: "wool socks",
      qTruncated: false,
    });
  });

  it.each([
    [{ sort: "drop table" }, "sort", "featured"],
    [{ page: "-5" }, "page", 1],
    [{ page: "0" }, "page", 1],
    [{ page: "2.5" }, "page", 1],
    [{ page: "abc" }, "page", 1],
    [{ page: "999999999999" }, "page", MAX_PAGE],
    [{ inStock: "yes please" }, "inStock", false],
  ])("falls back for %o", (params, key, expected) => {
    expect(parseListingQuery(params, "USD")[key as "sort"]).toBe(expected);
  });

  it("ignores prices that are not prices", () => {
    for (const bad of ["abc", "-5", "1e9", "12.345", "NaN", "Infinity", "99999999"]) {
      const query = parseListingQuery({ min: bad, max: bad }, "USD");
      expect(query.minPriceMinor).toBeUndefined();
      expect(query.maxPriceMinor).toBeUndefined();
    }
  });

  it("swaps a minimum above the maximum", () => {
    const query = parseListingQuery({ min: "80", max: "20" }, "EUR");
    expect([query.minPriceMinor, query.maxPriceMinor]).toEqual([2000, 8000]);
  });

  it(`${tagAsvs("V5.1.1")} uses the first of repeated parameters`, () => {
    expect(parseListingQuery({ sort: ["newest", "price-asc"], page: ["2", "9"] }, "USD")).toMatchObject({
      sort: "newest",
      page: 2,
    });
  });

  it("cuts a 10 kB search string and says so", () => {
    const query = parseListingQuery({ q: "jacket ".repeat(1500) }, "USD");
    expect(query.q.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
    expect(query.qTruncated).toBe(true);
  });

  it("drops oversized option values", () => {
    expect(parseListingQuery({ size: "M".repeat(41), color: "x".repeat(500) }, "USD")).not.toHaveProperty("size");
  });
});

describe("toSearchTerms", () => {
  it("splits, lower-cases, de-duplicates and caps the terms", () => {
    expect(toSearchTerms("Wool WOOL socks, merino!")).toEqual(["wool", "socks", "merino"]);
    expect(toSearchTerms("a b c")).toEqual([]);
    expect(toSearchTerms("one two three four five six seven eight nine ten")).toHaveLength(8);
  });

  it(`${tagAsvs("V5.3.4")} keeps SQL wildcards out of the terms`, () => {
    expect(toSearchTerms("100% _cotton_")).toEqual(["100", "cotton"]);
  });
});
