// Stands in for Next.js's request scope when a test calls route handlers and server actions
// in-process: `vi.mock("next/headers", () => import("../support/next-request-scope"))`.
// headers() and cookies() answer from the request being handled; work passed to after() is
// collected so the test awaits it and sees its failures.

type CookieOptions = Record<string, unknown>;
type Scope = {
  user: unknown;
  headers: Headers;
  cookies: Map<string, string>;
  written: Map<string, string>;
  after: Promise<unknown>[];
};

let scope: Scope | null = null;

function currentScope(): Scope {
  if (!scope) throw new Error("headers() or cookies() called outside a request scope");
  return scope;
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const index = pair.indexOf("=");
    if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return jar;
}

/** Runs `work` as if handling `headers`; returns its result, the cookies it set and its after() work. */
export async function runInRequestScope<T>(
  headers: Headers,
  user: unknown,
  work: () => Promise<T>,
): Promise<{ result: T; cookies: Map<string, string>; afterWork: Promise<unknown>[] }> {
  const own: Scope = {
    user,
    headers,
    cookies: parseCookieHeader(headers.get("cookie")),
    written: new Map(),
    after: [],
  };
  scope = own;
  try {
    const result = await work();
    return { result, cookies: own.written, afterWork: own.after };
  } finally {
    scope = null;
  }
}

/**
 * Who the request is signed in as: tests that fuzz input replace getCurrentUser with this, since
 * what they probe starts after authentication (sessions have tests of their own).
 */
export async function getActingUser(): Promise<unknown> {
  return currentScope().user;
}

export async function headers(): Promise<Headers> {
  return currentScope().headers;
}

export async function cookies() {
  const { cookies: jar, written } = currentScope();
  const set = (nameOrOptions: string | ({ name: string; value: string } & CookieOptions), value?: string) => {
    const name = typeof nameOrOptions === "string" ? nameOrOptions : nameOrOptions.name;
    const text = typeof nameOrOptions === "string" ? (value ?? "") : nameOrOptions.value;
    jar.set(name, text);
    written.set(name, text);
  };
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set,
    delete: (name: string) => {
      jar.delete(name);
      written.set(name, "");
    },
  };
}

export async function draftMode() {
  return { isEnabled: false, enable() {}, disable() {} };
}

/** next/server's after(): collected, so the caller awaits the work and sees it fail. */
export function after(task: Promise<unknown> | (() => unknown)): void {
  const run = typeof task === "function" ? Promise.resolve().then(task) : task;
  currentScope().after.push(run);
}

/** next/cache's refresh(): nothing to refresh outside a rendered page. */
export function refresh(): void {}
