import { NextResponse, type NextRequest } from "next/server";
import {
  applySessionToRequest,
  applySessionToResponse,
  resolveMiddlewareSession,
} from "@/lib/identity/middleware-session";
import { buildTenantRewritePath, normalizeHost, TENANT_SEGMENT } from "@/lib/tenancy/host";

// Edge middleware: the first line, never the only one (lib/ re-checks everything). It stays lean
// — no database, no heavy imports — because it runs on every request.

// Served as they are, for every host: framework assets and public files.
const STATIC = [/^\/_next\//, /^\/assets\//, /^\/favicon\.ico$/];
// Route handlers resolve the tenant themselves; the auth and refresh endpoints manage the session
// cookie themselves.
const API = /^\/api\//;
const SESSION_ENDPOINTS = /^\/api\/(auth|session)\//;
// Areas that need a session: checked here optimistically (cookie present and alive) so a signed-out
// visitor is sent to sign in at once; lib/ makes the real check.
const PROTECTED = /^\/(account|dashboard|admin)(\/|$)/;
const PUBLIC_EXCEPTIONS = /^\/admin\/sign-in\/?$/;

function notFound(): NextResponse {
  return new NextResponse("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function badRequest(message: string): NextResponse {
  return new NextResponse(`Bad request: ${message}`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

// A path with broken percent-encoding would throw later when the router decodes its params.
function isWellFormedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The internal tenant segment is reachable only through the rewrite below.
  if (pathname === TENANT_SEGMENT || pathname.startsWith(`${TENANT_SEGMENT}/`) || pathname.startsWith("/%5F")) {
    return notFound();
  }
  if (!isWellFormedPath(pathname)) return badRequest("malformed URL encoding");
  if (STATIC.some((pattern) => pattern.test(pathname))) return NextResponse.next();

  const host = normalizeHost(request.headers.get("host"));
  if (!host) return badRequest("invalid Host header");

  const session = SESSION_ENDPOINTS.test(pathname)
    ? { claims: null, change: { kind: "none" as const } }
    : await resolveMiddlewareSession(request);
  applySessionToRequest(request, session);

  let response: NextResponse;
  if (PROTECTED.test(pathname) && !PUBLIC_EXCEPTIONS.test(pathname) && !session.claims) {
    const signIn = pathname.startsWith("/admin") ? "/admin/sign-in" : "/sign-in";
    const target = request.nextUrl.clone();
    target.pathname = signIn;
    target.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(target);
  } else if (API.test(pathname)) {
    response = NextResponse.next({ request: { headers: request.headers } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = buildTenantRewritePath(host, pathname);
    response = NextResponse.rewrite(url, { request: { headers: request.headers } });
  }
  applySessionToResponse(response, session);
  return response;
}

export const config = {
  // Every path, dotted ones included (/acme.com/secret must not skip the middleware); only the
  // build's static chunks are left out.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
