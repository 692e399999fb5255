import "server-only";
import { sendMail } from "@/lib/mail/send-mail";
import { addressPrefix } from "@/lib/security/client-ip";
import type { RequestMeta } from "@/lib/security/request-context";
import { describeUserAgent } from "@/lib/security/user-agent";
import type { TenantDto } from "@/lib/tenancy";
import type { SessionRole } from "./session-token";

// Merchants and administrators hold the keys to a store or to the platform: a sign-in from a
// browser the account has not used before (no trusted-device cookie for it) is mailed to the
// owner, so a stolen password shows up the moment it is used, not in a post-mortem.

const NOTIFIED_ROLES: ReadonlySet<SessionRole> = new Set(["MERCHANT", "ADMINISTRATOR"]);

type SignedIn = { email: string; name: string; role: SessionRole };

export function needsNewSignInNotice(user: SignedIn, trustedDevice: boolean): boolean {
  return !trustedDevice && NOTIFIED_ROLES.has(user.role);
}

/** Queues the "new sign-in" mail: when, which browser and which network, and what to do if it was not them. */
export async function sendNewSignInNotice(
  tenant: TenantDto,
  user: SignedIn,
  meta: RequestMeta,
  origin: string,
  now = new Date(),
): Promise<void> {
  const network = addressPrefix(meta.ip);
  const when = `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const where = tenant.kind === "PLATFORM" ? "the platform's administration console" : tenant.name;
  await sendMail({
    tenantId: tenant.id,
    to: user.email,
    subject: `New sign-in to your ${tenant.kind === "PLATFORM" ? "administrator" : tenant.name} account`,
    body: {
      paragraphs: [
        `Hello${user.name ? ` ${user.name}` : ""},`,
        `Your account at ${where} was just signed in to from a browser it has not used before.`,
        `When: ${when}\nBrowser: ${describeUserAgent(meta.userAgent)}${network ? `\nNetwork: ${network}` : ""}`,
        "If this was you, there is nothing to do.",
      ],
      action: {
        label: "Review your sessions",
        url: `${origin}${tenant.kind === "PLATFORM" ? "/admin" : "/account"}`,
      },
      footer: [
        "If this was not you, change your password now: that signs out every session. Then tell your platform administrator.",
      ],
    },
  });
}
