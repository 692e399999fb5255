// Browser side of sign-in and sign-out: next-auth's endpoints, called with its CSRF token. Kept
// free of next-auth/react so a failure is an error message, never an unhandled exception.

export type SignInFields = { email: string; password: string; website: string; callbackUrl: string; otp?: string };

/** What a sign-in came to: the two second-factor answers follow only the right password. */
export type SignInOutcome = "signed-in" | "second-factor-required" | "second-factor-failed" | "failed";

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

/** Any other failure (wrong details, lock, network) is "failed": one generic message. */
export async function submitSignIn(fields: SignInFields): Promise<SignInOutcome> {
  try {
    const { otp, ...rest } = fields;
    const response = await post("/api/auth/callback/credentials", {
      ...rest,
      ...(otp ? { otp } : {}),
      csrfToken: await fetchCsrfToken(),
    });
    const body = (await response.json().catch(() => ({}))) as { url?: string };
    if (typeof body.url !== "string") return "failed";
    const error = new URL(body.url, window.location.origin).searchParams.get("error");
    if (error === "second-factor-required" || error === "second-factor-failed") return error;
    return response.ok && error === null ? "signed-in" : "failed";
  } catch {
    return "failed";
  }
}

export async function submitSignOut(): Promise<void> {
  await post("/api/auth/signout", { csrfToken: await fetchCsrfToken(), callbackUrl: "/" });
}
