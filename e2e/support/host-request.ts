import http from "node:http";
import type { Client } from "./http-session";

// Node's fetch drops a Host header (a forbidden header name) and does not resolve *.localhost the
// way browsers do, so a request for another host of the same server goes through node:http.

export function requestOnHost(
  port: number,
  host: string,
  path: string,
  client: Client,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "localhost",
        port,
        path,
        method: init.method ?? "GET",
        headers: { ...init.headers, host, "x-forwarded-for": client.ip },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const item of [value ?? []].flat()) headers.append(name, String(item));
          }
          const status = response.statusCode ?? 0;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers }));
        });
      },
    );
    request.on("error", reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}
