import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./password-policy";

/**
 * Emails are compared in one canonical form: trimmed, Unicode NFC, lower-cased. Internationalised
 * addresses are accepted; control characters, spaces and anything over 254 characters are not.
 */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .max(254, "That email address is too long.")
  .transform((value) => value.normalize("NFC").toLowerCase())
  .refine(
    (value) => /^[^\s@\p{Cc}\p{Cf}]{1,64}@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]{2,}$/u.test(value),
    "Enter a valid email address.",
  );

/** A password as typed at sign-in: never trimmed, bounded so hashing cannot be made expensive. */
export const passwordInputSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1024, "That password is too long.");

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .max(PASSWORD_MAX_LENGTH * 4, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const displayNameSchema = z
  .string()
  .trim()
  .max(80, "Use at most 80 characters.")
  .refine((value) => !/[\p{Cc}\p{Cf}<>]/u.test(value), "Use letters, numbers and ordinary punctuation.");

/** Honeypot: a field people never see and bots fill in. */
export const honeypotSchema = z.string().max(500).optional().default("");
