// Text people type (titles, names, policies): stored as typed and rendered escaped, so markup is
// harmless. What is refused is what hides or reorders text: control characters, bidirectional
// overrides ("Trojan source" tricks that make a name read as something else), and invisible
// formatting. What writing needs is kept: the zero-width joiner (emoji sequences) and non-joiner
// (Persian, Indic scripts), left-to-right and right-to-left marks, the soft hyphen, and the tag
// characters of subdivision flags. A single-line field also refuses line and paragraph separators.

const ALLOWED_FORMAT = /[\u00ad\u200c\u200d\u200e\u200f\u{e0020}-\u{e007f}]/gu;
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/g;

/** Whether typed text holds a character it must not: see above. Tabs only in multi-line text. */
export function hasHiddenCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  const visible = options.multiline ? value.replace(LINE_BREAKS, "").replace(/\t/g, "") : value;
  return /[\p{Cc}\p{Cf}\u2028\u2029]/u.test(visible.replace(ALLOWED_FORMAT, ""));
}
