// The one way a request body is read on the server. It streams the body and stops at the cap, so
// an oversize request — declared or chunked without a Content-Length — costs at most `maxBytes`
// of memory and never reaches a parser. Edge-safe (Web streams only), so the middleware can use
// the same reader as the handlers behind it.

export type BodyReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too-large" | "unreadable" };

/** Reads at most `maxBytes` of the body; anything longer is refused without reading the rest. */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyReadResult> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > maxBytes)) {
    return { ok: false, reason: /^\d+$/.test(declared.trim()) ? "too-large" : "unreadable" };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export type TextReadResult = { ok: true; text: string } | { ok: false; reason: "too-large" | "unreadable" };

/** The body as UTF-8 text (invalid sequences refused, not replaced), capped as above. */
export async function readTextCapped(request: Request, maxBytes: number): Promise<TextReadResult> {
  const result = await readBodyCapped(request, maxBytes);
  if (!result.ok) return result;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(result.bytes) };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

export type FormReadResult = { ok: true; form: FormData } | { ok: false; reason: "too-large" | "unreadable" };

/**
 * A multipart or urlencoded body as FormData, capped before parsing: the platform's own
 * `request.formData()` would buffer a chunked upload of any size first.
 */
export async function readFormCapped(request: Request, maxBytes: number): Promise<FormReadResult> {
  const result = await readBodyCapped(request, maxBytes);
  if (!result.ok) return result;
  try {
    const copy = new Response(result.bytes as BodyInit, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    });
    return { ok: true, form: await copy.formData() };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

export type JsonReadResult =
  { ok: true; value: unknown } | { ok: false; reason: "too-large" | "unreadable" | "malformed" };

/** The body parsed as JSON, capped as above; an empty or unparsable body is "malformed". */
export async function readJsonCapped(request: Request, maxBytes: number): Promise<JsonReadResult> {
  const result = await readTextCapped(request, maxBytes);
  if (!result.ok) return result;
  try {
    return { ok: true, value: JSON.parse(result.text) as unknown };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
