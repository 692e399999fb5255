// The one error a service throws when a request cannot be done as asked: an HTTP status, a
// message that is safe to show the person who asked, and optional per-field messages. Services
// know nothing of HTTP beyond this; the guard turns it into a JSON answer (route handlers) or an
// error state (server actions). Anything else thrown is a bug and stays a 500.

export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503;

export class DomainError extends Error {
  constructor(
    readonly status: DomainErrorStatus,
    readonly publicMessage: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(publicMessage);
    this.name = "DomainError";
  }
}

/** "That product does not exist in this store." — the same words for missing and foreign ids. */
export const notFoundInStore = (what: string) => new DomainError(404, `That ${what} does not exist in this store.`);
