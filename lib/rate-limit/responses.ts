// Edge-safe: what a client over its limit (or refused by a failed limiter) receives.

export function wantsJson(request: Request, pathname: string): boolean {
  const accept = request.headers.get("accept") ?? "";
  return (
    pathname.startsWith("/api/") ||
    request.headers.has("next-action") ||
    request.headers.has("rsc") ||
    (accept.includes("application/json") && !accept.includes("text/html"))
  );
}

function page(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color:#1c1917;line-height:1.5}h1{font-size:1.75rem}</style>
</head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the shop</a></p></main></body></html>`;
}

export function rateLimitHeaders(
  limit: number,
  remaining: number,
  reset: number,
  now = Date.now(),
): Record<string, string> {
  const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, remaining)),
    "RateLimit-Reset": String(seconds),
  };
}

export function tooManyRequests(
  request: Request,
  pathname: string,
  outcome: { limit: number; reset: number },
): Response {
  const headers = rateLimitHeaders(outcome.limit, 0, outcome.reset);
  const retryAfter = headers["RateLimit-Reset"]!;
  const common = { ...headers, "Retry-After": retryAfter, "Cache-Control": "no-store" };
  if (wantsJson(request, pathname)) {
    return Response.json(
      { error: "Too many requests. Please wait a moment and try again.", retryAfter: Number(retryAfter) },
      { status: 429, headers: common },
    );
  }
  return new Response(
    page(
      "Slow down a little",
      `We received too many requests from you in a short time. Please try again in ${retryAfter} seconds.`,
    ),
    {
      status: 429,
      headers: { ...common, "Content-Type": "text/html; charset=utf-8" },
    },
  );
}

export function limiterUnavailable(request: Request, pathname: string): Response {
  const headers = { "Retry-After": "5", "Cache-Control": "no-store" };
  if (wantsJson(request, pathname)) {
    return Response.json(
      { error: "This action is briefly unavailable. Please try again in a few seconds." },
      { status: 503, headers },
    );
  }
  return new Response(
    page("Briefly unavailable", "This action is briefly unavailable. Please try again in a few seconds."),
    {
      status: 503,
      headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
    },
  );
}

/** A request from an address or network that detection has contained, for this kind of request. */
export function containedResponse(request: Request, pathname: string, expiresAt: number, now = Date.now()): Response {
  const retryAfter = String(Math.max(1, Math.ceil((expiresAt - now) / 1000)));
  const headers = { "Retry-After": retryAfter, "Cache-Control": "no-store" };
  const message =
    "Requests like this one from your network are paused for a while after suspicious activity. If you think this is a mistake, contact the shop.";
  if (wantsJson(request, pathname)) {
    return Response.json({ error: message, retryAfter: Number(retryAfter) }, { status: 403, headers });
  }
  return new Response(page("Paused for your network", message), {
    status: 403,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}
