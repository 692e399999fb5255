// The tenant boundary in the data layer: a Prisma client bound to one tenant, whose every
// operation on a tenant-owned model is scoped. Pure argument rewriting lives here so it can be
// tested for every operation kind; lib/db/index.ts applies it through a query extension.
//
// What the extension sees are top-level operations only (Prisma's documented limit): nested
// creates and `connect`s are made safe by the schema instead — every relation between
// tenant-owned rows is a composite foreign key over (id, tenantId).

/** Models whose rows belong to one tenant (they have a tenantId column). */
export const TENANT_SCOPED_MODELS = [
  "TenantDomain",
  "User",
  "OneTimeToken",
  "RecoveryCode",
  "OutboundEmail",
  "SessionFamily",
  "RefreshToken",
  "Category",
  "Product",
  "Variant",
  "ProductImage",
  "Cart",
  "CartItem",
  "Order",
  "OrderItem",
  "OrderEvent",
  "StockReservation",
  "SecurityEvent",
  "SecurityAlert",
  "AuditLog",
  "InventoryAdjustment",
  "MediaFile",
  "ShippingRate",
  "DiscountCode",
] as const;

/**
 * Models without a tenantId. `Tenant` is reachable from a tenant client only as its own row;
 * the rest only from the platform client.
 */
export const UNSCOPED_MODELS = ["Tenant", "WebhookEvent", "LoginThrottle", "SecurityBlock"] as const;

export class TenantScopeViolation extends Error {
  constructor(message: string) {
    super(`Tenant scope violation: ${message}`);
    this.name = "TenantScopeViolation";
  }
}

type Args = Record<string, unknown> | undefined;

const scopedModels = new Set<string>(TENANT_SCOPED_MODELS);

function assertSameTenant(value: unknown, tenantId: string, where: string): void {
  if (value === undefined) return;
  if (value === tenantId) return;
  if (
    value &&
    typeof value === "object" &&
    Object.keys(value).length === 1 &&
    (value as { equals?: unknown }).equals === tenantId
  )
    return;
  throw new TenantScopeViolation(`${where} names another tenant`);
}

/** Checks tenantId wherever a where clause may carry it (also inside compound unique keys). */
function checkWhere(where: Record<string, unknown>, tenantId: string): void {
  assertSameTenant(where.tenantId, tenantId, "where.tenantId");
  for (const [key, value] of Object.entries(where)) {
    if (key.includes("tenantId_") || key.endsWith("_tenantId")) {
      assertSameTenant((value as Record<string, unknown> | undefined)?.tenantId, tenantId, `where.${key}`);
    }
  }
}

function scopeWhere(args: Args, tenantId: string, field = "tenantId"): Record<string, unknown> {
  const where = { ...((args?.where as Record<string, unknown> | undefined) ?? {}) };
  if (field === "tenantId") checkWhere(where, tenantId);
  else assertSameTenant(where[field], tenantId, `where.${field}`);
  return { ...args, where: { ...where, [field]: tenantId } };
}

const RELATION_WRITES = new Set(["connect", "connectOrCreate", "disconnect"]);
/** Deeper than any write Bulwark makes; a deeper tree is refused, not waved through unread. */
const MAX_WRITE_DEPTH = 8;

const isPlainValue = (value: unknown) =>
  value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array;

/**
 * Reads a whole data tree, at every depth:
 * - relation writes are refused. Connecting over a composite (id, tenantId) key makes Prisma copy
 *   the *target's* tenantId into the row — it would move the row, and with cascading updates its
 *   children, into another tenant. Tenant clients set foreign keys as scalars instead, which
 *   leaves tenantId alone and lets the composite key check the link. `set` is a relation write
 *   only with a list or object; `{ set: "x" }` on a scalar field is an ordinary update;
 * - the `tenant` relation may not be named (it would create or move a tenant);
 * - every `tenantId`, also in nested creates, must be this client's.
 */
function inspectWriteTree(data: unknown, tenantId: string, label: string, depth = 0): void {
  if (isPlainValue(data)) return;
  if (depth > MAX_WRITE_DEPTH) throw new TenantScopeViolation(`${label} is nested too deeply to check`);
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (RELATION_WRITES.has(key) || (key === "set" && !isPlainValue(value)))
      throw new TenantScopeViolation(`${label} uses ${key}; set the foreign key field instead`);
    if (key === "tenant") throw new TenantScopeViolation(`${label} may not name the tenant relation`);
    if (key === "tenantId") assertSameTenant(value, tenantId, `${label}.tenantId`);
    inspectWriteTree(value, tenantId, `${label}.${key}`, depth + 1);
  }
}

function stamp(data: unknown, tenantId: string, label: string): Record<string, unknown> {
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new TenantScopeViolation(`${label} must be an object`);
  inspectWriteTree(data, tenantId, label);
  return { ...(data as Record<string, unknown>), tenantId };
}

function guardUpdateData(data: unknown, tenantId: string, label: string): void {
  inspectWriteTree(data, tenantId, label);
}

const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);
const WRITES_BY_WHERE = new Set(["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"]);

/** Rewrites one top-level operation's arguments so it can only touch `tenantId`'s rows. */
export function scopeOperation(model: string, operation: string, args: Args, tenantId: string): Args {
  if (model === "Tenant") {
    if (!READS.has(operation)) throw new TenantScopeViolation(`a tenant client cannot ${operation} tenants`);
    return scopeWhere(args, tenantId, "id");
  }
  if (!scopedModels.has(model)) throw new TenantScopeViolation(`${model} is not reachable from a tenant client`);

  if (READS.has(operation)) return scopeWhere(args, tenantId);
  if (WRITES_BY_WHERE.has(operation)) {
    guardUpdateData(args?.data, tenantId, "data");
    return scopeWhere(args, tenantId);
  }
  switch (operation) {
    case "create":
      return { ...args, data: stamp(args?.data, tenantId, "data") };
    case "createMany":
    case "createManyAndReturn": {
      const data = args?.data;
      const rows = Array.isArray(data) ? data : [data];
      return { ...args, data: rows.map((row, index) => stamp(row, tenantId, `data[${index}]`)) };
    }
    case "upsert": {
      guardUpdateData(args?.update, tenantId, "update");
      return { ...scopeWhere(args, tenantId), create: stamp(args?.create, tenantId, "create") };
    }
    default:
      throw new TenantScopeViolation(`${model}.${operation} is not supported on a tenant client`);
  }
}
