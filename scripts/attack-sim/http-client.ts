// A small HTTP client for the attack simulation: node:http, so every request can name its own Host
// (a store, the console) while connecting to one address, carry its own X-Forwarded-For (the
// instance must trust one proxy hop), and keep cookies per simulated client.
import { Agent, request as httpRequest } from "node:http";

export type SimClient = { ip: string; host: string; jar: Map<string, string>; userAgent: string };
export type SimResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

export function newSimClient(ip: string, host: string, userAgent = BROWSER_AGENT): SimClient {
  return { ip, host, jar: new Map(), userAgent };
}

export const BROWSER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

function storeCookies(client: SimClient, setCookie: string | string[] | undefined): void {
  for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (value === "" || /max-age=0/i.test(line)) client.jar.delete(name);
    else client.jar.set(name, value);
  }
}

export function send(
  origin: URL,
  client: SimClient,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; retried?: boolean } = {},
): Promise<SimResponse> {
  const cookie = [...client.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const port = origin.port ? Number(origin.port) : 80;
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        agent,
        host: origin.hostname === "localhost" ? "127.0.0.1" : origin.hostname,
        port,
        path,
        method: init.method ?? "GET",
        headers: {
          host: `${client.host}:${port}`,
          "x-forwarded-for": client.ip,
          "user-agent": client.userAgent,
          accept: "text/html,application/json",
          ...(cookie ? { cookie } : {}),
          ...(init.body !== undefined ? { "content-length": String(Buffer.byteLength(init.body)) } : {}),
          ...init.headers,
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          storeCookies(client, res.headers["set-cookie"]);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    // A kept-alive socket the server closed just as it was reused fails at once: sent again on a
    // fresh one, as browsers do. Any other refused connection or a timeout is a status 0: counted,
    // never thrown.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET" && !init.retried) {
        resolve(send(origin, client, path, { ...init, retried: true }));
      } else resolve({ status: 0, headers: {}, body: "" });
    });
    req.on("timeout", () => req.destroy());
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** next-auth's sign-in, as the shop's own form does it. */
export async function signInAs(
  origin: URL,
  client: SimClient,
  email: string,
  password: string,
  otp?: string,
): Promise<SimResponse> {
  const csrf = await send(origin, client, "/api/auth/csrf");
  let token = "";
  try {
    token = (JSON.parse(csrf.body) as { csrfToken?: string }).csrfToken ?? "";
  } catch {
    return csrf;
  }
  const body = new URLSearchParams({ csrfToken: token, email, password, json: "true", ...(otp ? { otp } : {}) });
  return send(origin, client, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

export function closeSimClients(): void {
  agent.destroy();
}
