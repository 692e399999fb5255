import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { mergeGuestCartFromCookie } from "@/lib/cart/cart-store";
import { externalRoute } from "@/lib/guard/guard";
import { buildAuthOptions } from "@/lib/identity/auth-options";
import { withSignInEpochs } from "@/lib/identity/device-cookie";
import {
  answerSecondFactorStep,
  countAccountAttempt,
  FORM_TYPE,
  GET_ACTIONS,
  isCsrfValid,
  isPlainFormType,
  jsonError,
  MAX_AUTH_BODY_BYTES,
  parseForm,
  POST_BODIES,
  refuseContainedSignIn,
  trustDevice,
} from "@/lib/identity/auth-request";
import { readTextCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";

type Context = { params: Promise<{ nextauth?: string[] }> };

let handler: ReturnType<typeof NextAuth> | undefined;

/**
 * The entry for /api/auth/*: resolves the store from a validated Host (next-auth itself would
 * trust any forwarded host), validates the action and its body with zod (form-encoded only, each
 * field once, no unknown fields, 16 KB at most), checks CSRF, counts the per-account sign-in
 * limit on the email as it was parsed here, and only then hands next-auth those same fields.
 */
async function handleAuthRequest(request: Request, context: Context): Promise<Response> {
  let signInEmail: string | undefined;
  const host = normalizeHost(request.headers.get("host"));
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (!host || (forwardedHost && normalizeHost(forwardedHost) !== host)) return jsonError(400, "Invalid host.");
  const tenant = await findTenantByHost(host);
  if (!tenant) return jsonError(404, "Not found.");

  const action = ((await context.params).nextauth ?? []).join("/");
  if (request.method === "GET") {
    if (!GET_ACTIONS.has(action)) return jsonError(404, "Not found.");
  } else if (request.method === "POST") {
    const schema = POST_BODIES[action];
    if (!schema) return jsonError(404, "Not found.");
    if (!isPlainFormType(request.headers.get("content-type"))) {
      return jsonError(415, "Send the form as application/x-www-form-urlencoded.");
    }
    const read = await readTextCapped(request, MAX_AUTH_BODY_BYTES);
    if (!read.ok && read.reason === "too-large") return jsonError(413, "Request body too large.");
    if (!read.ok) return jsonError(400, "The request body could not be read.");
    const body = parseForm(read.text);
    if (body === "duplicate") return jsonError(400, "A field was sent more than once.");
    const parsed = schema.safeParse(body);
    const meta = readRequestMeta(request.headers, `/api/auth/${action}`);
    const missingCsrf = !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "csrfToken");
    if (!parsed.success && !missingCsrf) return jsonError(400, "Some fields are missing, unknown or too long.");
    if (!parsed.success || !isCsrfValid(request, parsed.data.csrfToken ?? "")) {
      await recordSecurityEvent({
        type: "auth.csrf_rejected",
        severity: "WARNING",
        tenantId: tenant.id,
        ip: meta.ip,
        route: meta.route,
      });
      return jsonError(403, "Missing or invalid CSRF token. Reload the page and try again.");
    }
    if (action === "callback/credentials") {
      const contained = await refuseContainedSignIn(request, tenant.id, parsed.data.email, meta);
      if (contained) return contained;
      const refusal = await countAccountAttempt(request, tenant.id, parsed.data.email, meta);
      if (refusal) return refusal;
      signInEmail = parsed.data.email;
    }
    // next-auth parses exactly the fields checked here, re-encoded canonically in a fresh request.
    const headers = new Headers(request.headers);
    headers.set("content-type", FORM_TYPE);
    headers.delete("content-length");
    const canonical = new URLSearchParams(
      Object.entries(parsed.data).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    request = new NextRequest(request.url, { method: "POST", headers, body: canonical.toString() });
  } else {
    return jsonError(405, "Method not allowed.");
  }
  handler ??= NextAuth(buildAuthOptions({ onSignedIn: mergeGuestCartFromCookie }));
  let response: Response = await handler(request, context);
  if (signInEmail !== undefined) {
    response = await answerSecondFactorStep(response);
    await trustDevice(response, tenant.id, signInEmail);
  }
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// next-auth itself: sign-in, sign-out and the CSRF token. It cannot sit behind the session guard
// (it makes the session); the checks above run before it. At sign-in the browser's guest cart
// joins the shopper's.
const auth = externalRoute<Context>(
  { name: "api.auth", reason: "next-auth; host, action, body, CSRF and limits checked before it runs" },
  (request, context) => withSignInEpochs(() => handleAuthRequest(request, context)),
);

export { auth as GET, auth as POST };
