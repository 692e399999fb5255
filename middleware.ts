import { NextResponse, type NextRequest } from "next/server";
import { buildTenantRewritePath, normalizeHost, TENANT_SEGMENT } from "@/lib/tenancy/host";

// Edge middleware: the first line, never the only one (lib/ re-checks everything). It stays lean
// — no database, no heavy imports — because it runs on every request.

// Served as they are, for every host: framework assets, public files and route handlers that
// resolve the tenant themselves.
const PASS_THROUGH = [/^\/_next\//, /^\/assets\//, /^\/api\//, /^\/favicon\.ico$/];

function notFound(): NextResponse {
  return new NextResponse("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
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

export function middleware(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // The internal tenant segment is reachable only through the rewrite below.
  if (pathname === TENANT_SEGMENT || pathname.startsWith(`${TENANT_SEGMENT}/`) || pathname.startsWith("/%5F")) {
    return notFound();
  }
  if (!isWellFormedPath(pathname)) {
    return new NextResponse("Bad request: malformed URL encoding", { status: 400 });
  }
  if (PASS_THROUGH.some((pattern) => pattern.test(pathname))) return NextResponse.next();

  const host = normalizeHost(request.headers.get("host"));
  if (!host) return new NextResponse("Bad request: invalid Host header", { status: 400 });

  const url = request.nextUrl.clone();
  url.pathname = buildTenantRewritePath(host, pathname);
  return NextResponse.rewrite(url);
}

export const config = {
  // Every path, dotted ones included (/acme.com/secret must not skip the middleware); only the
  // build's static chunks are left out.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
