// Surviving mutants judged equivalent (no test can kill them, because no input changes the
// behaviour), by module and line, with the reason. The security report prints the reason beside
// each survivor; any survivor not listed here is a missing test.
export const EQUIVALENT_MUTANTS: Record<string, Record<number, string>> = {
  "lib/payments/webhook-signature.ts": {
    26: "the Stripe SDK always carries webhooks.signature; the check only narrows the SDK's optional type, so no input reaches it",
  },
};
