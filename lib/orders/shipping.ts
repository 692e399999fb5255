import { z } from "zod";
import { hasHiddenCharacters } from "@/lib/security/typed-text";

// Pure: what "mark as shipped" takes. A carrier from a short list (or OTHER with its name) and a
// tracking number. The tracking link is built by us from the carrier's template and the number,
// which may only hold letters and digits once normalised: nothing the merchant typed becomes a
// URL of its own, so a shopper's mail and order page never link anywhere we did not choose.

export const CARRIERS = {
  UPS: { label: "UPS", template: "https://www.ups.com/track?tracknum=" },
  USPS: { label: "USPS", template: "https://tools.usps.com/go/TrackConfirmAction?tLabels=" },
  FEDEX: { label: "FedEx", template: "https://www.fedex.com/fedextrack/?trknbr=" },
  DHL: { label: "DHL", template: "https://www.dhl.com/global-en/home/tracking.html?tracking-id=" },
  OTHER: { label: "Other", template: null },
} as const satisfies Record<string, { label: string; template: string | null }>;

export type CarrierCode = keyof typeof CARRIERS;
export const CARRIER_CODES = Object.keys(CARRIERS) as [CarrierCode, ...CarrierCode[]];

export const TRACKING_NUMBER_MAX = 40;

/** Spaces and dashes are how numbers are printed on labels; they are not part of the number. */
const trackingNumber = z
  .string({ error: "Enter the tracking number." })
  .max(TRACKING_NUMBER_MAX * 2, { error: `A tracking number has at most ${TRACKING_NUMBER_MAX} characters.` })
  .transform((value) => value.replace(/[\s-]+/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .min(4, { error: "Enter the tracking number (at least 4 letters or digits)." })
      .max(TRACKING_NUMBER_MAX, { error: `A tracking number has at most ${TRACKING_NUMBER_MAX} characters.` })
      .regex(/^[A-Z0-9]*$/, { error: "A tracking number holds only letters and digits." }),
  );

export const shipOrderSchema = z
  .object({
    id: z.string().min(1).max(40),
    carrier: z.enum(CARRIER_CODES, { error: "Choose the carrier." }),
    carrierName: z
      .string()
      .trim()
      .max(60, { error: "A carrier's name has at most 60 characters." })
      .regex(/^[^\u0000-\u001f\u007f<>]*$/u, { error: "Use letters, digits and spaces for the carrier's name." })
      .refine((name) => !hasHiddenCharacters(name), { error: "Use letters, digits and spaces for the carrier's name." })
      // The name goes into the shipped mail, where a client would turn an address into a link.
      .refine((name) => !/:\/\/|\bwww\.|@|\.(com|net|org|io|app|shop|example)\b/i.test(name), {
        error: "Give the carrier's name only, not a web or email address.",
      })
      .optional(),
    trackingNumber,
  })
  .strict()
  .superRefine((value, context) => {
    if (value.carrier === "OTHER" && (value.carrierName ?? "").length < 2)
      context.addIssue({ code: "custom", path: ["carrierName"], message: "Name the carrier (at least 2 characters)." });
  })
  .transform(({ carrierName, ...rest }) => ({
    ...rest,
    carrierName: rest.carrier === "OTHER" ? (carrierName ?? null) : null,
  }));

export type ShipOrderInput = z.output<typeof shipOrderSchema>;

const isCarrier = (code: string): code is CarrierCode => Object.hasOwn(CARRIERS, code);

/** The carrier as people read it: the list's label, or the name given for OTHER. */
export function describeCarrier(carrier: string, carrierName: string | null): string {
  if (carrier === "OTHER") return carrierName || "Other carrier";
  return isCarrier(carrier) ? CARRIERS[carrier].label : carrier;
}

/** The carrier's own tracking page, for known carriers only; null for OTHER or an odd number. */
export function trackingUrlFor(carrier: string, trackingNumber: string): string | null {
  const template = isCarrier(carrier) ? CARRIERS[carrier].template : null;
  if (!template || !/^[A-Z0-9]{4,40}$/.test(trackingNumber)) return null;
  return `${template}${encodeURIComponent(trackingNumber)}`;
}
