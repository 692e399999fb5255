// Plain HTTP against a running instance, cookies handled by hand so a test can keep, replay and
// compare them exactly as an attacker holding a copy would.

export type CookieJar = Map<string, string>;

export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export function storeCookies(jar: CookieJar, response: Response): string[] {
  const set = response.headers.getSetCookie();
  for (const line of set) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return set;
}

export async function request(base: string, path: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${base}${path}`, {
    redirect: "manual",
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar) },
  });
  storeCookies(jar, response);
  return response;
}

export async function signIn(
  base: string,
  email: string,
  password: string,
  jar: CookieJar = new Map(),
): Promise<{ jar: CookieJar; response: Response }> {
  const csrf = (await (await request(base, "/api/auth/csrf", jar)).json()) as { csrfToken: string };
  const response = await request(base, "/api/auth/callback/credentials", jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
  });
  return { jar, response };
}

export async function signOut(base: string, jar: CookieJar): Promise<Response> {
  const csrf = (await (await request(base, "/api/auth/csrf", jar)).json()) as { csrfToken: string };
  return request(base, "/api/auth/signout", jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, json: "true" }),
  });
}

export const sessionCookieName = "__Host-bulwark.session";

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
