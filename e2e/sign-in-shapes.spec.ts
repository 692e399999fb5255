import { expect, test } from "@playwright/test";
import { awayFromWindowEdge, newClient, request, type Client } from "./support/http-session";
import { tagAsvs } from "../security/asvs-ids";

// The per-account sign-in limit is counted on exactly the fields the credentials check reads. Any
// other body shape — JSON, a form type that next-auth would read as JSON, a decoy or duplicate
// field, an oversize or chunked body — is refused before a password is checked.

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;

async function csrf(client: Client): Promise<string> {
  return ((await (await request(SHOP, "/api/auth/csrf", client)).json()) as { csrfToken: string }).csrfToken;
}

async function post(client: Client, body: BodyInit, contentType = "application/x-www-form-urlencoded") {
  return request(SHOP, "/api/auth/callback/credentials", client, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

test.describe("sign-in body shapes", () => {
  test(`${tagAsvs("V5.1.1")} every shape that used to escape the per-account key is refused before any password check`, async () => {
    const email = `shape-${Date.now()}@example.test`;
    const fields = async (client: Client) => ({
      csrfToken: await csrf(client),
      password: "wrong password",
      json: "true",
    });
    const cases: [string, (client: Client) => Promise<Response>, number][] = [
      ["JSON", async (c) => post(c, JSON.stringify({ ...(await fields(c)), email }), "application/json"), 415],
      [
        "a form type next-auth reads as JSON",
        async (c) =>
          post(
            c,
            JSON.stringify({ ...(await fields(c)), email }),
            "application/x-www-form-urlencoded; x=application/json",
          ),
        415,
      ],
      [
        "multipart",
        async (c) =>
          post(c, new URLSearchParams({ ...(await fields(c)), email }).toString(), "multipart/form-data; boundary=x"),
        415,
      ],
      [
        "a decoy field",
        async (c) =>
          post(c, new URLSearchParams({ ...(await fields(c)), a_email: "decoy@example.test", email }).toString()),
        400,
      ],
      [
        "an unknown field",
        async (c) => post(c, new URLSearchParams({ ...(await fields(c)), email, role: "ADMINISTRATOR" }).toString()),
        400,
      ],
      [
        "a duplicate email field",
        async (c) =>
          post(
            c,
            `${new URLSearchParams({ ...(await fields(c)), email: "decoy@example.test" })}&email=${encodeURIComponent(email)}`,
          ),
        400,
      ],
      [
        "over 16 KB",
        async (c) => post(c, `${new URLSearchParams({ ...(await fields(c)), email })}&website=${"x".repeat(70_000)}`),
        413,
      ],
      [
        "chunked, over 16 KB, no Content-Length",
        async (c) => {
          const head = new TextEncoder().encode(`${new URLSearchParams({ ...(await fields(c)), email })}&website=`);
          const filler = new TextEncoder().encode("x".repeat(8192));
          let sent = 0;
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent === 0) controller.enqueue(head);
              else if (sent < 12) controller.enqueue(filler);
              else controller.close();
              sent += 1;
            },
          });
          return post(c, stream);
        },
        413,
      ],
    ];
    for (const [name, send, status] of cases) {
      const response = await send(newClient());
      expect(response.status, name).toBe(status);
    }
  });

  test("the per-account limit holds across addresses and spellings of the same email", async () => {
    await awayFromWindowEdge(60_000, 15_000);
    const local = `victim-${Date.now()}`;
    // What the credentials check treats as one account: case, surrounding space, Unicode form.
    const spellings = [`${local}@example.test`, ` ${local.toUpperCase()}@Example.TEST `, `${local}@example.test`];
    const attempt = async (email: string) => {
      const client = newClient();
      return post(
        client,
        new URLSearchParams({
          csrfToken: await csrf(client),
          email,
          password: "wrong password",
          json: "true",
        }).toString(),
      );
    };
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(spellings[i % spellings.length]!)));
    expect(statuses.map((r) => r.status).filter((s) => s === 429)).toEqual([]);
    const blocked = await attempt(` ${local}@EXAMPLE.test`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("ratelimit-limit")).toBe("20");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same kind of client is not affected.
    expect((await attempt(`other-${local}@example.test`)).status).toBe(401);
  });
});
