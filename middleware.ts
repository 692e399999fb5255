import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import {
  applySessionToRequest,
  applySessionToResponse,
  readPresentedSession,
  resolveMiddlewareSession,
  type MiddlewareSession,
} from "@/lib/identity/middleware-session";
import { findBlock, refreshBlocks } from "@/lib/rate-limit/blocks";
import { countCatalogRead, SCRAPE_WINDOW_MS, weighCatalogRead } from "@/lib/security/scrape-watch";
import { createRequestId, REQUEST_ID_HEADER } from "@/lib/security/request-id";
import { enforceRateLimit } from "@/lib/rate-limit/enforce";
import { classifyRequest } from "@/lib/rate-limit/policies";
import { containedResponse } from "@/lib/rate-limit/responses";
import { getEdgeConfig } from "@/lib/env/edge-config";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import {
  applySecurityHeaders,
  createNonce,
  createSecurityHeaderTemplate,
  MEDIA_CONTENT_SECURITY_POLICY,
  readHstsPreloadHosts,
} from "@/lib/security/headers";
import { classifyProbe, PROBE_REPORTS_PER_SECOND } from "@/lib/security/probe-patterns";
import { decodeRoutePath } from "@/lib/security/route-path";
import { reportFromEdge } from "@/lib/telemetry/edge-report";
import { buildTenantRewritePath, isSameOrigin, normalizeHost, TENANT_SEGMENT } from "@/lib/tenancy/host";

// Edge middleware: the first line, never the only one (lib/ re-checks everything). In order:
// reject malformed requests, rate-limit by route class, rotate an expired session, send the
// signed-out away from protected areas, route to the tenant, and put the security headers (with a
// fresh CSP nonce) on whatever goes back. It stays lean: no database, no heavy imports.

// Served as they are, for every host: framework assets and public files.
const STATIC = [/^\/_next\//, /^\/assets\//, /^\/favicon\.ico$/];
// Route handlers resolve the tenant themselves; the auth and refresh endpoints manage the session
// cookie themselves.
const API = /^\/api\//;
const SESSION_ENDPOINTS = /^\/api\/(auth|session|internal)\//;
const INTERNAL = /^\/api\/internal\//;
// Areas that need a session: checked here optimistically (cookie present and alive) so a
// signed-out visitor is sent to sign in at once; lib/ makes the real check.
const PROTECTED = /^\/(account|dashboard|admin)(\/|$)/;
const PUBLIC_EXCEPTIONS = /^\/admin\/sign-in\/?$/;

const edge = getEdgeConfig();
const development = edge.NODE_ENV === "development";
const hstsPreloadHosts = readHstsPreloadHosts(edge.HSTS_PRELOAD_HOSTS);
// Built once per process: a request only adds its nonce.
const headersFor = {
  standard: createSecurityHeaderTemplate({ development }),
  preload: createSecurityHeaderTemplate({ development, hstsPreload: true }),
};

// A budget of probe reports per address and second: enough for detection to reach its threshold
// within moments (20 unserved paths well within a second, however they are spaced: a burst sent
// at once is counted, not one report per burst), while a scanner's flood stays a few batched
// internal calls.
const probeReports = new Map<string, { second: number; count: number }>();
function shouldReportProbe(clientIp: string, now = Date.now()): boolean {
  const second = Math.floor(now / 1_000);
  const seen = probeReports.get(clientIp);
  if (seen?.second === second) {
    if (seen.count >= PROBE_REPORTS_PER_SECOND) return false;
    seen.count += 1;
    return true;
  }
  if (probeReports.size > 10_000) probeReports.clear();
  probeReports.set(clientIp, { second, count: 1 });
  return true;
}

const PROBE_EVENTS = {
  "scanner-agent": "scanner.identified",
  injection: "probe.injection",
  "sensitive-path": "probe.detected",
  "unknown-path": "probe.not_found",
  steered: "probe.cross_site",
} as const;

function plain(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

// Uploaded media gets a stricter policy than pages (MEDIA_CONTENT_SECURITY_POLICY).
const MEDIA_PATH = /^\/media\//;

function withHeaders<T extends Response>(response: T, headers: Record<string, string>, pathname: string | null): T {
  applySecurityHeaders(response.headers, headers);
  // A header set here replaces the route's own, so media gets its sandbox from here: on the file
  // and on a refusal (a missing key's 404) alike — deleting it left refusals with no policy.
  if (pathname && MEDIA_PATH.test(pathname) && response.headers.has("x-middleware-rewrite")) {
    response.headers.set("Content-Security-Policy", MEDIA_CONTENT_SECURITY_POLICY);
  }
  return response;
}

/** What every step reads, worked out once per request. */
type Prepared = {
  /** The decoded path the router will dispatch; null when its encoding is broken. */
  pathname: string | null;
  host: string | null;
  nonce: string;
  security: Record<string, string>;
};

async function route(request: NextRequest, event: NextFetchEvent, prepared: Prepared): Promise<Response> {
  const { pathname: rawPath, search } = request.nextUrl;
  // Every decision below is made on the path the router will dispatch: decoded, segment by
  // segment. Broken encoding or an encoded separator is refused rather than interpreted.
  const { pathname, host } = prepared;
  if (pathname === null) return plain(400, "Bad request: malformed URL encoding");
  // The internal tenant segment is reachable only through the rewrite below.
  if (pathname === TENANT_SEGMENT || pathname.startsWith(`${TENANT_SEGMENT}/`)) return plain(404, "Not found");
  if (STATIC.some((pattern) => pattern.test(pathname))) return NextResponse.next();

  if (!host) return plain(400, "Bad request: invalid Host header");
  // Next.js refuses a cross-origin server action by throwing (a 500) and compares the host only;
  // here it is a 403, and scheme and port must match too.
  const origin = request.headers.get("origin");
  if (request.headers.has("next-action") && origin !== null && !isSameOrigin(origin, request.headers.get("host"))) {
    return plain(403, "Forbidden: cross-origin action refused");
  }

  const clientIp = clientIpFromHeaders(request.headers, edge.TRUSTED_PROXY_HOPS);
  const policy = classifyRequest(request.method, pathname, request.headers.has("next-action"));
  // Containment first: an address or network detection has blocked gets nothing further. The
  // app's own internal calls are never blocked (they come from this machine, on behalf of others).
  if (!INTERNAL.test(pathname)) {
    await refreshBlocks(request, event);
    const block = findBlock(clientIp, policy);
    // A network's sign-in block is decided by the sign-in route, which can see whether the browser
    // is a trusted device of the account it names (a shopper behind the same network is not shut out).
    const deferred = block?.scope === "prefix" && policy === "sign-in";
    if (block && !deferred) return containedResponse(request, pathname, block.expiresAt);
    const probe = classifyProbe(
      pathname,
      request.headers.get("user-agent"),
      request.headers.get("sec-fetch-site"),
      search,
      { mode: request.headers.get("sec-fetch-mode"), dest: request.headers.get("sec-fetch-dest") },
    );
    if (probe && shouldReportProbe(clientIp)) {
      reportFromEdge(
        request,
        event,
        {
          // A tool that names itself needs no second look: its own event, and its own rule.
          // An injection payload in a query is only noted: a shopper's search can look like one,
          // and a link on another site can make the shop's own pages prefetch one.
          type: PROBE_EVENTS[probe],
          severity: "WARNING",
          route: pathname.slice(0, 300),
          host,
          details: { reason: probe },
        },
        clientIp,
      );
    }
    // An attack tool that names itself gets nothing (reported first, so its address is blocked
    // too: the same tool with a browser's agent string is refused once the block holds).
    if (probe === "scanner-agent") return plain(403, "Forbidden: automated scanners are refused");
  }
  // "/path/" is "/path" (next.config.ts leaves this redirect to the middleware, after the checks above).
  if (rawPath.length > 1 && rawPath.endsWith("/")) {
    // Next.js needs an absolute Location here (a relative one is a 500 in the production build),
    // made from a plain URL: its own URL object would keep the trailing slash.
    const target = new URL(`${rawPath.replace(/\/+$/, "") || "/"}${search}`, request.nextUrl.origin);
    return NextResponse.redirect(target, 308);
  }
  const readWeight = weighCatalogRead(request.method, pathname, request.headers);
  if (readWeight > 0) {
    const pages = countCatalogRead(clientIp, Date.now(), readWeight);
    if (pages !== null) {
      reportFromEdge(
        request,
        event,
        {
          type: "scraping.suspected",
          severity: "WARNING",
          route: pathname.slice(0, 300),
          host,
          details: { pages, windowSeconds: SCRAPE_WINDOW_MS / 1000 },
        },
        clientIp,
      );
    }
  }
  const presented = await readPresentedSession(request);
  const limit = await enforceRateLimit(request, {
    clientIp,
    path: pathname,
    policy,
    ...(presented.claims ? { userId: presented.claims.sub } : {}),
  });
  if (limit.report) reportFromEdge(request, event, { ...limit.report, route: pathname.slice(0, 300), host }, clientIp);
  if (limit.response) return limit.response;

  const session: MiddlewareSession = SESSION_ENDPOINTS.test(pathname)
    ? { claims: null, change: { kind: "none" } }
    : await resolveMiddlewareSession(request, clientIp, presented);
  applySessionToRequest(request, session);

  let response: NextResponse;
  if (PROTECTED.test(pathname) && !PUBLIC_EXCEPTIONS.test(pathname) && !session.claims) {
    const target = request.nextUrl.clone();
    target.pathname = pathname.startsWith("/admin") ? "/admin/sign-in" : "/sign-in";
    target.search = `?callbackUrl=${encodeURIComponent(rawPath + search)}`;
    response = NextResponse.redirect(target);
  } else {
    // Next.js reads the nonce from the request's CSP header and puts it on its own scripts: the
    // same policy string the response carries.
    request.headers.set("Content-Security-Policy", prepared.security["Content-Security-Policy"]!);
    request.headers.set("x-nonce", prepared.nonce);
    if (API.test(pathname)) {
      response = NextResponse.next({ request: { headers: request.headers } });
    } else {
      const url = request.nextUrl.clone();
      url.pathname = buildTenantRewritePath(host, rawPath);
      response = NextResponse.rewrite(url, { request: { headers: request.headers } });
    }
  }
  applySessionToResponse(response, session);
  return response;
}

export async function middleware(request: NextRequest, event: NextFetchEvent) {
  const nonce = createNonce();
  const requestId = createRequestId();
  request.headers.set(REQUEST_ID_HEADER, requestId);
  const host = normalizeHost(request.headers.get("host"));
  const prepared: Prepared = {
    pathname: decodeRoutePath(request.nextUrl.pathname),
    host,
    nonce,
    security: (host && hstsPreloadHosts.has(host) ? headersFor.preload : headersFor.standard)(nonce),
  };
  const response = withHeaders(await route(request, event, prepared), prepared.security, prepared.pathname);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Every path, dotted ones included (/acme.com/secret must not skip the middleware); only the
  // build's static chunks are left out (next.config.ts gives them the static security headers).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
