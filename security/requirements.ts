// The requirements map: the OWASP ASVS 4.0.3 Level 2 requirements that apply to Bulwark, each in
// our own words, with its status and the test files whose tagged tests prove it. `npm run verify`
// (scripts/verify.ts) reads the test reports against this map and writes security/report.md.
import type { AsvsId } from "./asvs-ids";
import type { Requirement } from "./requirement-types";
import { ACCESS_CONTROL, AUTHENTICATION, SESSIONS } from "./requirements/v2-v4";
import { CRYPTOGRAPHY, DATA_PROTECTION, ERRORS_AND_LOGGING, VALIDATION } from "./requirements/v5-v8";
import { API, BUSINESS_LOGIC, COMMUNICATIONS, CONFIGURATION, FILES, MALICIOUS_CODE } from "./requirements/v9-v14";

export type { Requirement, TestFile } from "./requirement-types";

export const CHAPTERS = [
  { chapter: "V2", title: "Authentication", requirements: AUTHENTICATION },
  { chapter: "V3", title: "Session management", requirements: SESSIONS },
  { chapter: "V4", title: "Access control", requirements: ACCESS_CONTROL },
  { chapter: "V5", title: "Validation, sanitisation and encoding", requirements: VALIDATION },
  { chapter: "V6", title: "Stored cryptography", requirements: CRYPTOGRAPHY },
  { chapter: "V7", title: "Errors and logging", requirements: ERRORS_AND_LOGGING },
  { chapter: "V8", title: "Data protection", requirements: DATA_PROTECTION },
  { chapter: "V9", title: "Communications", requirements: COMMUNICATIONS },
  { chapter: "V10", title: "Malicious code", requirements: MALICIOUS_CODE },
  { chapter: "V11", title: "Business logic", requirements: BUSINESS_LOGIC },
  { chapter: "V12", title: "Files and resources", requirements: FILES },
  { chapter: "V13", title: "API and web service", requirements: API },
  { chapter: "V14", title: "Configuration", requirements: CONFIGURATION },
] as const;

/** Every requirement by id: the chapters' records typed together, so none is missing or extra. */
export const REQUIREMENTS: Record<AsvsId, Requirement> = {
  ...AUTHENTICATION,
  ...SESSIONS,
  ...ACCESS_CONTROL,
  ...VALIDATION,
  ...CRYPTOGRAPHY,
  ...ERRORS_AND_LOGGING,
  ...DATA_PROTECTION,
  ...COMMUNICATIONS,
  ...MALICIOUS_CODE,
  ...BUSINESS_LOGIC,
  ...FILES,
  ...API,
  ...CONFIGURATION,
};
