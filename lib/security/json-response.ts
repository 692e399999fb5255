/** A JSON answer that no cache keeps: every API answer is about one user or one moment. */
export function jsonNoStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
