// Browser side of sign-in and sign-out: next-auth's endpoints, called with its CSRF token. Kept
// free of next-auth/react so a failure is an error message, never an unhandled exception.

export type SignInFields = { email: string; password: string; website: string; callbackUrl: string };

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { cache: "no-store" });
  const body = (await response.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error("No CSRF token");
  return body.csrfToken;
}

function post(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, json: "true" }),
  });
}

/** True when signed in. Any failure (wrong details, lock, network) is false: one generic message. */
export async function submitSignIn(fields: SignInFields): Promise<boolean> {
  try {
    const response = await post("/api/auth/callback/credentials", { ...fields, csrfToken: await fetchCsrfToken() });
    if (!response.ok) return false;
    const body = (await response.json()) as { url?: string };
    return typeof body.url === "string" && !new URL(body.url, window.location.origin).searchParams.has("error");
  } catch {
    return false;
  }
}

export async function submitSignOut(): Promise<void> {
  await post("/api/auth/signout", { csrfToken: await fetchCsrfToken(), callbackUrl: "/" });
}
