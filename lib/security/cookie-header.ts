// Edge-safe: one cookie's value from a raw Cookie header, for code that sees only the request.
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  const pair = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`));
  if (pair === undefined) return undefined;
  try {
    return decodeURIComponent(pair.slice(name.length + 1));
  } catch {
    return undefined;
  }
}
