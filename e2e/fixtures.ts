import { test as base, expect } from "@playwright/test";

export const PORT = Number(process.env.E2E_PORT || 3100);
export const storeUrl = (host: string, path = "/") => `http://${host}:${PORT}${path}`;

type Fixtures = {
  /** Console errors matching this are expected (a deliberate 404, say). One pattern, not an array:
   * Playwright reads a two-element array as [value, options]. */
  allowedConsoleErrors: RegExp | null;
  consoleErrors: string[];
};

// Every test fails on an unexpected console error, uncaught page error or 5xx response: React warnings and
// hydration mismatches surface there first.
/** A stable, distinct client address per test: the shop instances trust one proxy hop. */
export function clientIpFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `198.19.${(hash >>> 8) % 250}.${(hash % 250) + 1}`;
}

export const test = base.extend<Fixtures>({
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ "x-forwarded-for": clientIpFor(testInfo.testId) });
  },
  allowedConsoleErrors: [null, { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (!allowedConsoleErrors?.test(text)) errors.push(`${text} (${message.location().url || "no location"})`);
      });
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      // No request a test makes may answer a server error, page or asset alike.
      page.on("response", (response) => {
        if (response.status() >= 500) errors.push(`${response.status()} from ${response.url()}`);
      });
      await use(errors);
      expect(errors, "unexpected console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
