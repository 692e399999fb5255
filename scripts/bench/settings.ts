// How `npm run bench` drives the server over HTTP; README's Performance section quotes these, and
// test/unit/bench-claims.test.ts holds it to them.
export const ROUNDS = 3;
export const CONNECTIONS = 50;
export const SECONDS = 5;
/** Lighthouse runs per page; its scores are the median. */
export const LIGHTHOUSE_RUNS = 3;
