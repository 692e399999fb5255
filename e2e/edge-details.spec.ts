import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { newClient, request } from "./support/http-session";
import { tagAsvs } from "../security/asvs-ids";

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;

/** One raw HTTP/1.1 exchange, for request shapes fetch() cannot send. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
    socket.write(text);
  });
}

test("an absolute-form request target is refused, never redirected to the host it names", async () => {
  const reply = await rawRequest(
    "GET http://evil.example/account HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
  );
  expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  expect(reply.toLowerCase()).not.toContain("location:");
  expect(reply).not.toContain("evil.example");
});

test("storefront responses do not reveal the internal rewrite path", async () => {
  for (const path of ["/", "/products", "/sign-in", "/no-such-page"]) {
    const response = await request(SHOP, path, newClient());
    const leaked = [...response.headers].filter(
      ([name, value]) => name === "x-middleware-rewrite" || value.includes("/_tenant"),
    );
    expect(leaked, path).toEqual([]);
  }
});

test(`${tagAsvs("V4.2.2")} a server action from a foreign origin, or the right host over the wrong scheme or port, is a 403`, async () => {
  for (const origin of ["https://evil.example", `https://localhost:${PORT}`, `http://localhost:${PORT + 7}`, "null"]) {
    const response = await request(SHOP, "/register", newClient(), {
      method: "POST",
      headers: { origin, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(response.status, origin).toBe(403);
  }
});

test(`${tagAsvs("V4.2.2", "V13.2.3")} a JSON route refuses the right host over the wrong scheme or port`, async () => {
  for (const origin of [`https://localhost:${PORT}`, `http://localhost:${PORT + 7}`]) {
    const response = await request(SHOP, "/api/cart/items", newClient(), {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ variantId: "x", quantity: 1 }),
    });
    expect(response.status, origin).toBe(403);
  }
});
