import { handleCspReport } from "@/lib/telemetry/security-event-routes";

export { handleCspReport as POST };
