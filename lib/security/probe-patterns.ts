// Edge-safe: requests no shopper's browser sends — a scanner's user agent, or a well-known
// sensitive path of some other stack. Seeing one proves little (it is answered like any other
// request); a few from one client is the detection rule "scanner".
//
// Only what a third party cannot make a shopper's browser send counts. A scanner's user agent
// cannot be set by another site. A path can (an <img src="https://shop/.env"> on any page), so a
// path counts only when the browser says it did not come from another site (Sec-Fetch-Site absent,
// "none" or "same-origin"), and so does an injection string in the query: only the forms an
// injection tool sends and no shopper types (UNION SELECT, ' OR '1'='1, SLEEP(5), <script, ../../).
// A shopper may search for "JavaScript: The Good Parts" or "rock 'n' roll": those are left alone.
// Sec-Fetch-Site excuses a request only when a browser sent it: a script that writes the header
// itself is not a browser another site steered.
import { isServedPath } from "./unknown-path";
import { isBrowserAgent, SCANNER_AGENTS } from "./user-agent";

export { SCANNER_AGENTS };

const SENSITIVE_PATHS = [
  /(^|\/)\.(env|git|svn|hg|aws|ssh|docker|npmrc|htaccess|htpasswd|ds_store|bash_history)([./~_-]|$)/i,
  // Not any .php: a store that moved here from a PHP platform keeps old links (index.php?route=…)
  // in bookmarks and crawlers' queues. Those are unserved paths (path-enumeration), these are
  // what only a tool asks for.
  /(^|\/)(phpinfo|info|test|shell|cmd|config|setup|install|adminer|wp-config|eval-stdin)\.php(\/|$)/i,
  /\.(asp|aspx|jsp|cgi|pl)(\/|$)/i,
  /^\/(wp-admin|wp-login|wp-content|wp-includes|xmlrpc|phpmyadmin|pma|server-status|server-info|cgi-bin|actuator|vendor\/phpunit|boaform|hnap1|owa|autodiscover)(\/|$|\.)/i,
  /(^|\/)(web\.config|config\.(json|yml|yaml|ini)|backup\.(zip|tar|gz|sql)|(db|dump|database)\.sql|id_rsa|etc\/passwd)$/i,
];

const INJECTIONS = [
  // UNION SELECT followed by what a tool selects (NULL, numbers, quotes, functions, a column list,
  // FROM): "union select tee" is a search.
  /\bunion\b[\s/*+()]+((all|distinct)[\s/*+()]+)?select\b[\s/*+()]*(null\b|\d|['"`]|@@|\*|[a-z_]+\s*[(,]|[a-z_.]+\s+from\b)/i,
  // sqlmap's first boolean tests on a number: 1 AND 2791=2791, 1) AND 5=5.
  /^\s*-?\d+\s*\)*\s+(and|or)\s+(\d+)\s*=\s*\2\b/i,
  /\border\s+by\s+\d+\s*(--|#|\/\*)/i,
  /\b(randomblob|zeroblob)\s*\(\s*\d/i,
  /['"`]\s*(or\b|and\b|\|\||&&)\s*['"`]?\w+['"`]?\s*(=|like\b|<|>)\s*['"`]?\w+/i,
  // A number and then a comma or the bracket's end: "Deep Sleep (8 hr)" is a product.
  /\b(sleep|benchmark|pg_sleep)\s*\(\s*\d+(\.\d+)?\s*[,)]/i,
  /\b(extractvalue|updatexml|load_file)\s*\(/i,
  /\bwaitfor\s+delay\b/i,
  /['"`]\s*(--|#)[\s-]*$/,
  /;\s*(drop\s+table|insert\s+into|delete\s+from|update\s+\w+\s+set|select\s.+\sfrom|shutdown|exec[\s(])/i,
  /<\s*(script|iframe|svg|img|body)\b[^>]*?(>|\bon\w+\s*=|\bsrc\s*=)/i,
  /\bon(error|load|mouseover|focus|toggle|animationstart|pointerover|click|begin)\s*=/i,
  /(\.{2,}[/\\]+){2,}/,
  /(^|\/)etc\/(passwd|shadow)\b/i,
  // Log4Shell, with the lookups that spell it out: ${jndi:, ${${lower:j}ndi:, ${::-j}…
  /\$\{\s*(jndi|\$\{|::-|lower:|upper:|env:|sys:|date:)/i,
  /\{\{\s*\d+\s*[*+]\s*\d+\s*\}\}/,
  /\$\{\s*\d+\s*[*+]\s*\d+\s*\}/,
  /<%=?[^%]*%>/,
];

/** How many probes the middleware reports per client a second, at most (the rest are answered, not reported). */
export const PROBE_REPORTS_PER_SECOND = 50;

/**
 * Why a request looks like probing. "steered": it would be a probe, but a browser says another
 * site caused it (an <img> on someone else's page): counted apart, never blocked.
 */
export type ProbeReason = "scanner-agent" | "sensitive-path" | "injection" | "unknown-path" | "steered";

/** The rest of the fetch metadata a browser sends with Sec-Fetch-Site, always all together. */
export type FetchMetadata = { mode: string | null; dest: string | null };

/**
 * The spellings a tool uses to slip past a filter, undone: a value encoded once more (%2527 is
 * %27 is '), and MySQL's comments that split or wrap keywords (UNION/**\/SELECT, /*!50000UNION*\/).
 */
function spellingsOf(value: string): string[] {
  const spellings = [value];
  let current = value;
  for (let round = 0; round < 2 && /%[0-9a-f]{2}/i.test(current); round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
    spellings.push(current);
  }
  // Comments that split keywords, MySQL's (/**/, /*!50000…*/) and line comments up to a newline
  // (UNION#x\nSELECT, UNION--x\nSELECT).
  return spellings.flatMap((spelling) => [
    spelling,
    spelling.replace(/\/\*!?\d*|\*\//g, " ").replace(/(#|--)[^\n]*\n/g, " "),
  ]);
}

const carriesInjection = (value: string) =>
  spellingsOf(value).some((spelling) => INJECTIONS.some((pattern) => pattern.test(spelling)));

/** Whether any value (or name) of a query string carries an injection tool's payload. */
export function hasInjection(query: string): boolean {
  if (!query || query === "?") return false;
  let decoded: string[];
  try {
    decoded = [...new URLSearchParams(query)].flat();
  } catch {
    return false;
  }
  return decoded.some(carriesInjection);
}

/** Whether a segment of the (decoded) path carries one: /products/1' OR '1'='1. */
export function hasPathInjection(pathname: string): boolean {
  return pathname.split("/").some((segment) => segment !== "" && carriesInjection(segment));
}

/** Why this request looks like probing, or null for anything a shop's own pages (or another site) would send. */
export function classifyProbe(
  pathname: string,
  userAgent: string | null,
  fetchSite: string | null,
  query = "",
  fetchMetadata: FetchMetadata = { mode: null, dest: null },
): ProbeReason | null {
  if (userAgent && SCANNER_AGENTS.test(userAgent)) return "scanner-agent";
  const reason: ProbeReason | null = SENSITIVE_PATHS.some((pattern) => pattern.test(pathname))
    ? "sensitive-path"
    : hasInjection(query) || hasPathInjection(pathname)
      ? "injection"
      : // A path nothing serves proves nothing once (a stale link); many a minute is enumeration.
        isServedPath(pathname)
        ? null
        : "unknown-path";
  return reason && isSteeredByAnotherSite(userAgent, fetchSite, fetchMetadata) ? "steered" : reason;
}

/** Whether a request's own headers say a browser was steered to it by another site. */
export function isSteeredRequest(headers: Headers): boolean {
  return isSteeredByAnotherSite(headers.get("user-agent"), headers.get("sec-fetch-site"), {
    mode: headers.get("sec-fetch-mode"),
    dest: headers.get("sec-fetch-dest"),
  });
}

/**
 * Whether a browser says another site caused this request. A browser sends Sec-Fetch-Site,
 * -Mode and -Dest together; a tool that borrowed a browser's agent and one header is not one.
 */
function isSteeredByAnotherSite(userAgent: string | null, fetchSite: string | null, metadata: FetchMetadata): boolean {
  if (fetchSite !== "cross-site" && fetchSite !== "same-site") return false;
  return isBrowserAgent(userAgent) && !!metadata.mode && !!metadata.dest;
}
