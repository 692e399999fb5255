// Pure, edge-safe: what a User-Agent says about its client — a short description for the
// "your sessions" list, and a family for the security log (a family, never the whole string:
// the string is close to a fingerprint, the family is what detection and people need).

/** Attack tools that name themselves in their User-Agent. */
export const SCANNER_AGENTS =
  /\b(sqlmap|nikto|wapiti|nuclei|acunetix|netsparker|nessus|openvas|w3af|arachni|skipfish|wpscan|dirbuster|dirb|gobuster|feroxbuster|ffuf|wfuzz|hydra|masscan|zgrab|nmap|burp ?suite|zap\/|havij|jaeles|whatweb|commix|xsstrike)\b/i;

/** The families of real browsers (classifyAgentFamily). */
export const BROWSER_AGENT_FAMILIES = ["chrome", "firefox", "safari", "edge", "opera"] as const;

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrome\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}

const SCRIPTS: [RegExp, string][] = [
  [/^curl\//i, "curl"],
  [/^Wget\//i, "wget"],
  [/python-requests|python-urllib|aiohttp|httpx|Scrapy/i, "python"],
  [/Go-http-client/i, "go"],
  [/node-fetch|undici|axios|^node\b/i, "node"],
  [/okhttp|Java\/|Apache-HttpClient/i, "java"],
  [/libwww-perl|PostmanRuntime|HeadlessChrome|PhantomJS|Puppeteer|Playwright/i, "automation"],
];

/**
 * The family of a User-Agent, for the security log: "chrome", "firefox", "safari", "edge",
 * "opera", "script:curl" (and other HTTP libraries and headless browsers), "bot" (crawlers that
 * say so), "scanner", "other", or "none" when there is none.
 */
export function classifyAgentFamily(userAgent: string | null | undefined): string {
  const agent = (userAgent ?? "").trim();
  if (!agent) return "none";
  if (SCANNER_AGENTS.test(agent)) return "scanner";
  const script = SCRIPTS.find(([pattern]) => pattern.test(agent))?.[1];
  if (script) return `script:${script}`;
  if (/bot\b|crawler|spider|slurp|facebookexternalhit|bingpreview/i.test(agent)) return "bot";
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  return browser && browser !== "curl" ? browser.toLowerCase() : "other";
}

/**
 * Whether the agent says it is a browser. Only a browser sends Sec-Fetch-* and Sec-Purpose on its
 * own: the same headers from a script are the script's choice, so they excuse nothing.
 */
export function isBrowserAgent(userAgent: string | null | undefined): boolean {
  return (BROWSER_AGENT_FAMILIES as readonly string[]).includes(classifyAgentFamily(userAgent));
}
