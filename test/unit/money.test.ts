import { describe, expect, it } from "vitest";
import { formatMoney, getMinorUnitDigits, parseMajorToMinor } from "@/lib/catalog/money";
import { describeStock } from "@/lib/catalog/stock-label";

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(getMinorUnitDigits("USD")).toBe(2);
    expect(getMinorUnitDigits("JPY")).toBe(0);
  });

  it("formats minor units", () => {
    expect(formatMoney(18900, "USD")).toBe("$189.00");
    expect(formatMoney(4500, "EUR")).toBe("€45.00");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
  });

  it("parses major units into minor units exactly", () => {
    expect(parseMajorToMinor("12", "USD")).toBe(1200);
    expect(parseMajorToMinor("12.5", "USD")).toBe(1250);
    expect(parseMajorToMinor("0.29", "USD")).toBe(29);
    expect(parseMajorToMinor("1200", "JPY")).toBe(1200);
    expect(parseMajorToMinor("12.5", "JPY")).toBeNull();
    expect(parseMajorToMinor("-1", "USD")).toBeNull();
    expect(parseMajorToMinor("1,000", "USD")).toBeNull();
  });
});

describe("describeStock", () => {
  it("labels stock levels", () => {
    expect(describeStock(0)).toBe("Out of stock");
    expect(describeStock(-1)).toBe("Out of stock");
    expect(describeStock(2)).toBe("Only 2 left");
    expect(describeStock(20)).toBe("In stock");
  });
});
