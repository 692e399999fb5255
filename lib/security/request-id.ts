// Edge-safe: every request gets an id from the middleware, on the request (so the handler and
// the security events it records carry it) and on the response (so a user's report, a log line
// and an event can be matched). A client's own X-Request-Id is replaced, never trusted.
export const REQUEST_ID_HEADER = "x-request-id";

export function createRequestId(): string {
  return crypto.randomUUID();
}
