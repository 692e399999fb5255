// Edge-safe: requests no shopper's browser sends — a scanner's user agent, a well-known sensitive
// path of some other stack, an injection string in the query. Seeing one proves little (it is
// answered like any other request); a few from one address is the detection rule "scanner".

const SCANNER_AGENTS =
  /\b(sqlmap|nikto|wapiti|nuclei|acunetix|netsparker|nessus|openvas|w3af|arachni|skipfish|wpscan|dirbuster|gobuster|feroxbuster|ffuf|masscan|zgrab|nmap|burp ?suite|zap\/|havij|jaeles|whatweb)\b/i;

const SENSITIVE_PATHS =
  /^\/(\.env|\.git|\.svn|\.hg|\.ds_store|\.aws|\.ssh|\.htaccess|\.htpasswd|wp-admin|wp-login\.php|wp-content|wp-includes|xmlrpc\.php|phpmyadmin|pma|server-status|server-info|cgi-bin|actuator|vendor\/phpunit|config\.php|web\.config|backup|db\.sql|dump\.sql|\.well-known\/security\.txt\.bak|etc\/passwd|admin\.php|shell\.php|boaform|hnap1|console)(\/|$|\.|\?)/i;

const INJECTION =
  /(\bunion\b[\s+/*]+(all[\s+/*]+)?select\b|\b(or|and)\b[\s+]+['"]?\d+['"]?[\s+]*=[\s+]*['"]?\d+|sleep\(\s*\d+\s*\)|benchmark\(|waitfor[\s+]+delay|information_schema|<script\b|javascript:|onerror\s*=|\.\.\/\.\.\/|%00|\/etc\/passwd|\$\{jndi:|;\s*(cat|wget|curl)\s)/i;

export type ProbeReason = "scanner-agent" | "sensitive-path" | "injection";

/** Why this request looks like probing, or null for anything a shop's own pages would send. */
export function classifyProbe(pathname: string, search: string, userAgent: string | null): ProbeReason | null {
  if (userAgent && SCANNER_AGENTS.test(userAgent)) return "scanner-agent";
  if (SENSITIVE_PATHS.test(pathname)) return "sensitive-path";
  let query = search;
  try {
    query = decodeURIComponent(search.replace(/\+/g, " "));
  } catch {
    // Broken encoding is itself odd; test it as it came.
  }
  if (INJECTION.test(query) || INJECTION.test(pathname)) return "injection";
  return null;
}
