import { handleEdgeSecurityEvent } from "@/lib/telemetry/security-event-routes";

export { handleEdgeSecurityEvent as POST };
