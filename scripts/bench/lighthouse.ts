// Lighthouse for `npm run bench`: the pinned Lighthouse (12.2.3) with its default mobile settings,
// in Debian's Chromium, on the bench's production server. Each page's scores are the median of
// `runs` runs, taken in turns (page after page) so a busy moment of the machine is shared.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseScores = { performance: number; accessibility: number; cls: number; runs: number[] };

// The browser the end-to-end suite uses, found the same way (playwright.config.ts).
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureLighthouse(
  urls: Record<string, string>,
  runs = 3,
): Promise<Record<string, LighthouseScores>> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const samples: Record<string, { performance: number[]; accessibility: number[]; cls: number[] }> = {};
  try {
    for (let run = 0; run < runs; run++) {
      for (const [name, url] of Object.entries(urls)) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { categories, audits, runtimeError } = result.lhr;
        if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`);
        const entry = (samples[name] ??= { performance: [], accessibility: [], cls: [] });
        entry.performance.push(Math.round((categories.performance?.score ?? 0) * 100));
        entry.accessibility.push(Math.round((categories.accessibility?.score ?? 0) * 100));
        entry.cls.push(audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN);
      }
    }
  } finally {
    chrome.kill();
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, entry]) => [
      name,
      {
        performance: median(entry.performance),
        accessibility: median(entry.accessibility),
        cls: median(entry.cls),
        runs: entry.performance,
      },
    ]),
  );
}
