// Surviving mutants judged equivalent (no test can kill them, because no input changes the
// behaviour), by module and line, with the reason. The security report prints the reason beside
// each survivor; any survivor not listed here is a missing test.
export const EQUIVALENT_MUTANTS: Record<string, Record<number, string>> = {
  "lib/payments/webhook-signature.ts": {
    26: "the Stripe SDK always carries webhooks.signature; the check only narrows the SDK's optional type, so no input reaches it",
  },
  "lib/identity/session-token.ts": {
    40: "with `typeof value !== \"object\"` gone only a function carrying every claim as a property would pass; decode() yields parsed JSON, never a function",
    48: "ROLES holds only strings, so ROLES.has() already refuses every non-string role; the typeof check only narrows the type",
  },
  "lib/identity/password.ts": {
    30: "`p=(\\d)` instead of `p=(\\d+)`: a many-digit parallelism fails the match and asks for a rehash, as its value (never 1) does anyway",
    47: "the dummy hash only costs time: whatever password it is made from, verifyAgainstDummy returns false and spends the same work",
  },
  "lib/identity/lockout.ts": {
    28: "the account-wide marker only has to differ from every device id, and device ids are 22 base64url characters (readTrustedDevice), never \"\" nor \"*\"",
    64: "lockedUntil is 0 or the attempt's time plus a pause of at least 5 s, so it never equals the attempt's time",
  },
  "lib/db/tenant-scope.ts": {
    59: "without `typeof value === \"object\"` only a function whose one property is `equals` would pass, and a where clause holds no functions",
  },
  "lib/orders/charged-amounts.ts": {
    50: "the event schema requires an address in every shipping_details, so `?.` after `address` never meets null",
    81: "with no discounts listed, a placeholder entry has no coupon either: no coupon matches the order's code and the discount is refused the same way",
    121: "a fallback that names no country (\"\" or any other text) lets parseShipsTo return no country either way",
    148: "JSON.parse of null gives null and of \"\" throws; both end in the catch, which returns null as the check does",
  },
  "lib/rate-limit/enforce.ts": {
    121: "with the check always true a signed-out request sets keys.user to undefined, and checkRateLimit skips a rule whose key is empty, as it does when the key is absent",
  },
  "lib/rate-limit/limiter.ts": {
    108: "`tightest` only ever holds an allowed outcome (a block or failure returns at once), so `tightest.kind === \"allowed\"` is always true",
  },
  "lib/identity/session-store.ts": {
    128: "a credential is reuse only once it has rotated, so rotatedAt is never null where the event is written and `?.` never meets null",
    213: "inside the transaction the successor's conditional drop (line 200) already proves no rival reached this pair: a rival rotation revokes the lost successor first, and revoking a family revokes all its credentials in one statement, so the move cannot miss once the drop hit",
  },
  "lib/checkout/reservations.ts": {
    117: "a reservation and its order share their tenant through the composite key, so without the selected tenantId the order id alone still selects exactly the same reservations and order",
  },
};
