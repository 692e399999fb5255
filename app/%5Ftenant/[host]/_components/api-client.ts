// Browser side of the merchant console's API.
export type ApiResult<T = unknown> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export async function callApi<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const init: RequestInit =
      body instanceof FormData
        ? { method, body }
        : {
            method,
            headers: { "Content-Type": "application/json" },
            body: body === undefined ? "{}" : JSON.stringify(body),
          };
    const response = await fetch(url, init);
    const data = (await response.json().catch(() => ({}))) as T & {
      error?: string;
      fieldErrors?: Record<string, string[]>;
    };
    if (response.ok) return { ok: true, data };
    return {
      ok: false,
      error: data.error ?? "Something went wrong.",
      ...(data.fieldErrors ? { fieldErrors: data.fieldErrors } : {}),
    };
  } catch {
    return { ok: false, error: "We couldn't reach the shop. Check your connection and try again." };
  }
}

export function describeError(result: { error: string; fieldErrors?: Record<string, string[]> }): string {
  const fields = Object.entries(result.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return [result.error, ...fields].join(" ");
}
