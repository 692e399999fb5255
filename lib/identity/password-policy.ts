import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NIST SP 800-63B style: a minimum length and a block-list, no composition rules. Returns the
 * problem in words, or null when the password is acceptable. Length counts code points, so a
 * password of emoji is measured as a person sees it.
 */
export function checkPasswordPolicy(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const normalized = password.normalize("NFKC").toLowerCase();
  if (COMMON_PASSWORDS.has(normalized) || COMMON_PASSWORDS.has(normalized.replace(/\s+/g, ""))) {
    return "This password is too common. Try a phrase of a few unrelated words.";
  }
  if (new Set(normalized).size < 4) return "Use a password with more variety.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && normalized.includes(local)) return "Don't use your email address in your password.";
  return null;
}
