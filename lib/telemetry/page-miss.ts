import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { isSteeredRequest } from "@/lib/security/probe-patterns";
import { readRequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "./security-events";

/**
 * A page was asked for something its store does not have: a product or category slug, an order,
 * a policy (`probe.not_found`, what path-enumeration counts), or, behind a sign-in, an id
 * (`access.not_found`, what cross-tenant and account probing count). The middleware cannot tell
 * these from real pages: the path fits a route's template. Once per request (the page and its
 * metadata both look), and never awaited by the page.
 */
export const recordPageMiss = cache(async (tenantId: string, route: string, signedIn?: { email: string }) => {
  const incoming = await headers();
  const meta = readRequestMeta(incoming, route);
  void recordSecurityEvent({
    type: signedIn ? "access.not_found" : isSteeredRequest(incoming) ? "probe.cross_site" : "probe.not_found",
    severity: "WARNING",
    tenantId,
    actor: signedIn?.email ?? "",
    ip: meta.ip,
    route: route.slice(0, 200),
    details: { page: true },
  });
});
