// Edge-safe: the security headers of every response, with a fresh CSP nonce per request.

export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Where a form may submit (or be redirected after submitting): our own origin and Stripe Checkout. */
export const FORM_ACTION_ORIGINS = ["https://checkout.stripe.com"];

export const CSP_REPORT_PATH = "/api/csp-report";

export function buildContentSecurityPolicy(input: {
  nonce: string;
  development: boolean;
  extraFormActions?: string[];
}): string {
  const scriptSrc = [
    `'self'`,
    `'nonce-${input.nonce}'`,
    `'strict-dynamic'`,
    ...(input.development ? [`'unsafe-eval'`] : []),
  ];
  const directives: [string, string[]][] = [
    ["default-src", [`'self'`]],
    ["script-src", scriptSrc],
    // Inline style attributes (the store's accent colour) need 'unsafe-inline'; styles cannot run code.
    ["style-src", [`'self'`, `'unsafe-inline'`]],
    ["img-src", [`'self'`, "data:", "blob:"]],
    ["font-src", [`'self'`]],
    ["connect-src", [`'self'`, ...(input.development ? ["ws:"] : [])]],
    ["object-src", [`'none'`]],
    ["base-uri", [`'none'`]],
    ["frame-ancestors", [`'none'`]],
    ["form-action", [`'self'`, ...FORM_ACTION_ORIGINS, ...(input.extraFormActions ?? [])]],
    ["report-uri", [CSP_REPORT_PATH]],
    ["report-to", ["csp-endpoint"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/**
 * Hosts whose operator asked for HSTS preloading (HSTS_PRELOAD_HOSTS, comma-separated). Preload
 * is a promise made for a whole domain and hard to take back, so a merchant's domain never gets it
 * by default.
 */
export function readHstsPreloadHosts(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Uploaded media's own policy: nothing loads, nothing runs. Set on every /media answer, the
 * file itself and the refusals alike, so no answer on that path goes out without a policy.
 */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

export function securityHeaders(input: {
  nonce: string;
  development: boolean;
  extraFormActions?: string[];
  hstsPreload?: boolean;
}): Record<string, string> {
  // includeSubDomains and preload bind every subdomain of the host: only where the operator asked.
  const hsts = `max-age=63072000${input.hstsPreload ? "; includeSubDomains; preload" : ""}`;
  return {
    "Content-Security-Policy": buildContentSecurityPolicy(input),
    "Reporting-Endpoints": `csp-endpoint="${CSP_REPORT_PATH}"`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(input.development ? {} : { "Strict-Transport-Security": hsts }),
  };
}

/**
 * The security headers for one configuration, built once: per request only the nonce changes, so
 * the policy string is two constant halves around it (the middleware runs on every request).
 */
export function createSecurityHeaderTemplate(input: {
  development: boolean;
  extraFormActions?: string[];
  hstsPreload?: boolean;
}): (nonce: string) => Record<string, string> {
  const marker = "\u0000nonce\u0000";
  const values = securityHeaders({ ...input, nonce: marker });
  const [before, after] = values["Content-Security-Policy"]!.split(marker) as [string, string];
  return (nonce) => ({ ...values, "Content-Security-Policy": before + nonce + after });
}

export function applySecurityHeaders(headers: Headers, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
}
