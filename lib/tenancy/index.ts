export { findTenantByHost, requireTenant, getStoreOrigin, originFor } from "./get-tenant";
export type { TenantDto } from "./get-tenant";
export { normalizeHost } from "./host";
