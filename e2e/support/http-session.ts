// Plain HTTP against a running instance, cookies handled by hand so a test can keep, replay and
// compare them exactly as an attacker holding a copy would. Each client has its own address,
// sent as X-Forwarded-For to the instances that trust one proxy hop.

export type Client = { jar: Map<string, string>; ip: string };

let counter = 0;
export function newClient(): Client {
  counter += 1;
  const n = (process.pid * 97 + counter * 13 + Math.floor(Math.random() * 1000)) % 65_000;
  return { jar: new Map(), ip: `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}` };
}

/** The same client (address) holding a copy of the current cookies. */
export function copyOf(client: Client): Client {
  return { jar: new Map(client.jar), ip: client.ip };
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

export async function request(base: string, path: string, client: Client, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${base}${path}`, {
    redirect: "manual",
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      cookie: cookieHeader(client.jar),
      "x-forwarded-for": client.ip,
    },
  });
  storeCookies(client.jar, response);
  return response;
}

async function csrfToken(base: string, client: Client): Promise<string> {
  return ((await (await request(base, "/api/auth/csrf", client)).json()) as { csrfToken: string }).csrfToken;
}

export async function signIn(
  base: string,
  email: string,
  password: string,
  client = newClient(),
): Promise<{ client: Client; response: Response }> {
  const csrf = await csrfToken(base, client);
  const response = await request(base, "/api/auth/callback/credentials", client, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf, email, password, json: "true" }),
  });
  return { client, response };
}

export async function signOut(base: string, client: Client): Promise<Response> {
  const csrf = await csrfToken(base, client);
  return request(base, "/api/auth/signout", client, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf, json: "true" }),
  });
}

export { awayFromWindowEdge } from "../../test/support/timing";

export const sessionCookieName = "__Host-bulwark.session";

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
