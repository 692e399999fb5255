// Every mail is written once, as structured parts, and rendered twice: a plain-text body and an
// HTML body. Store names, user names and product titles are untrusted (a merchant or a shopper
// typed them), so the HTML side escapes every piece of text and every attribute; nothing a caller
// passes is ever treated as markup.

/** A mail's content: short paragraphs (a "\n" inside one is a line break) and at most one link button. */
export type MailBody = {
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the button (why you got this, how long the link works). */
  footer?: string[];
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** A header value on one line: a CR or LF in a store name must never start a new header. */
export function toHeaderText(value: string, max = 200): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, max);
}

/** Only http(s) links go into an href: a `javascript:` URL in a mail would be a trap. */
function safeHref(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("mail links must be http(s)");
  return parsed.href;
}

export function renderText(body: MailBody): string {
  const parts = [...body.paragraphs];
  if (body.action) parts.push(`${body.action.label}:\n${body.action.url}`);
  if (body.footer?.length) parts.push(...body.footer);
  return parts.join("\n\n");
}

const paragraphHtml = (text: string, style: string) =>
  `<p style="${style}">${text.split("\n").map(escapeHtml).join("<br>")}</p>`;

export function renderHtml(subject: string, body: MailBody): string {
  const rows = body.paragraphs.map((p) => paragraphHtml(p, "margin:0 0 16px;line-height:1.5"));
  if (body.action) {
    const href = escapeHtml(safeHref(body.action.url));
    rows.push(
      `<p style="margin:24px 0"><a href="${href}" style="background:#1c1917;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(body.action.label)}</a></p>`,
      paragraphHtml(
        `Or copy this address into your browser:\n${body.action.url}`,
        "margin:0 0 16px;font-size:13px;color:#57534e;word-break:break-all",
      ),
    );
  }
  for (const line of body.footer ?? []) rows.push(paragraphHtml(line, "margin:0 0 12px;font-size:13px;color:#57534e"));
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#fafaf9;font-family:system-ui,sans-serif;color:#1c1917">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">',
    ...rows,
    "</div></body></html>",
  ].join("\n");
}

/**
 * The invitation to join a store's team. The store's name and the inviter's are untrusted text
 * like any other: both bodies are rendered by renderText/renderHtml, which escape them.
 */
export function invitationMail(input: {
  storeName: string;
  storeRole: "OWNER" | "STAFF";
  invitedBy: string | null;
  link: string;
  days: number;
}): { subject: string; body: MailBody } {
  const role = input.storeRole === "OWNER" ? "an owner" : "a member of staff";
  const who = input.invitedBy ? `${input.invitedBy} invites you` : "You are invited";
  return {
    subject: `You're invited to run ${input.storeName}`,
    body: {
      paragraphs: [
        `${who} to join the team of ${input.storeName} as ${role}.`,
        "Open the link to choose your password (or, if you already shop there, confirm with your current one), then sign in to the store's dashboard.",
      ],
      action: { label: "Accept the invitation", url: input.link },
      footer: [
        `The link works once, for ${input.days} days; a newer invitation replaces it. If you did not expect this, ignore this email: nothing happens without you.`,
      ],
    },
  };
}
