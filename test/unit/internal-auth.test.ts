import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { INTERNAL_AUTH_HEADER, signInternalCall, verifyInternalCall } from "@/lib/security/internal-auth";
import { getSessionSecret } from "@/lib/env/session-secret";
import { tagAsvs } from "@/security/asvs-ids";

const path = "/api/session/refresh";
const body = JSON.stringify({ token: "abc" });

async function call(
  headers: Record<string, string>,
  init: { method?: string; body?: string; url?: string } = {},
): Promise<Request> {
  return new Request(`http://127.0.0.1:3000${init.url ?? path}`, {
    method: init.method ?? "POST",
    headers,
    body: init.body ?? body,
  });
}

describe("internal calls", () => {
  it(`${tagAsvs("V6.2.2")} accepts exactly the call that was signed`, async () => {
    const headers = await signInternalCall({ method: "POST", path, clientIp: "198.51.100.1", body });
    expect(await verifyInternalCall(await call(headers), path)).toEqual({ ok: true, body, clientIp: "198.51.100.1" });
  });

  it(`${tagAsvs("V6.2.1")} refuses a changed body, path, method or client address`, async () => {
    const headers = await signInternalCall({ method: "POST", path, clientIp: "198.51.100.1", body });
    expect((await verifyInternalCall(await call(headers, { body: '{"token":"other"}' }), path)).ok).toBe(false);
    expect((await verifyInternalCall(await call(headers), "/api/internal/security-events")).ok).toBe(false);
    expect((await verifyInternalCall(await call(headers, { method: "PUT" }), path)).ok).toBe(false);
    expect((await verifyInternalCall(await call({ ...headers, "x-bulwark-client-ip": "203.0.113.9" }), path)).ok).toBe(
      false,
    );
  });

  it("refuses a call older or newer than 30 seconds", async () => {
    const now = Date.now();
    const old = await signInternalCall({ method: "POST", path, clientIp: "", body }, now - 31_000);
    expect((await verifyInternalCall(await call(old), path, now)).ok).toBe(false);
    const future = await signInternalCall({ method: "POST", path, clientIp: "", body }, now + 31_000);
    expect((await verifyInternalCall(await call(future), path, now)).ok).toBe(false);
    const fresh = await signInternalCall({ method: "POST", path, clientIp: "", body }, now - 29_000);
    expect((await verifyInternalCall(await call(fresh), path, now)).ok).toBe(true);
  });

  it(`${tagAsvs("V6.4.1")} refuses the old fixed-label bearer value, and signs with a key that is not the session secret`, async () => {
    const fixedLabel = createHmac("sha256", getSessionSecret())
      .update("bulwark-internal:session-refresh")
      .digest("hex");
    expect((await verifyInternalCall(await call({ [INTERNAL_AUTH_HEADER]: fixedLabel }), path)).ok).toBe(false);
    const now = Date.now();
    const headers = await signInternalCall({ method: "POST", path, clientIp: "", body }, now);
    const withSecret = createHmac("sha256", getSessionSecret()).update(`POST\n${path}\n${now}\n\n`).digest("hex");
    expect(headers[INTERNAL_AUTH_HEADER]).not.toContain(withSecret);
  });
});
