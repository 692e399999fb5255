import "server-only";
import { z } from "zod";
import { guardedRoute } from "@/lib/security/guard";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import {
  addTenantDomain,
  AdminError,
  createTenant,
  createTenantSchema,
  setTenantStatus,
  setUserDisabled,
  signOutUserEverywhere,
} from "./admin-tenants";

// The administrator console's API: ADMINISTRATOR, on the platform host only. Every action is
// written to the security log.
const admin = { access: { roles: ["ADMINISTRATOR" as const] }, tenantKind: "PLATFORM" as const };

async function answer(
  work: () => Promise<
    { audit: Record<string, unknown>; tenantId?: string; actor: string; ip: string } & { body?: unknown }
  >,
) {
  try {
    const result = await work();
    await recordSecurityEvent({
      type: "admin.action",
      severity: "INFO",
      tenantId: result.tenantId ?? null,
      actor: result.actor,
      ip: result.ip,
      details: result.audit,
    });
    return Response.json(result.body ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AdminError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

const slug = z.string().min(1).max(40);
const id = z.string().min(1).max(40);

export const createTenantRoute = guardedRoute(
  { name: "admin.tenant.create", ...admin, schema: createTenantSchema },
  (input, { user, meta }) =>
    answer(async () => ({
      body: await createTenant(input),
      audit: { action: "tenant.created", slug: input.slug, host: input.host },
      actor: user.email,
      ip: meta.ip,
    })),
);

export const updateTenantRoute = guardedRoute(
  {
    name: "admin.tenant.status",
    ...admin,
    schema: z.object({ slug, status: z.enum(["ACTIVE", "SUSPENDED"]) }).strict(),
  },
  (input, { user, meta }) =>
    answer(async () => {
      await setTenantStatus(input.slug, input.status);
      return {
        audit: { action: "tenant.status", slug: input.slug, status: input.status },
        actor: user.email,
        ip: meta.ip,
      };
    }),
);

export const addDomainRoute = guardedRoute(
  { name: "admin.tenant.domain", ...admin, schema: z.object({ slug, host: createTenantSchema.shape.host }).strict() },
  (input, { user, meta }) =>
    answer(async () => {
      await addTenantDomain(input.slug, input.host);
      return {
        audit: { action: "tenant.domain_added", slug: input.slug, host: input.host },
        actor: user.email,
        ip: meta.ip,
      };
    }),
);

export const updateUserRoute = guardedRoute(
  { name: "admin.user.disable", ...admin, schema: z.object({ id, disabled: z.boolean() }).strict() },
  (input, { user, meta }) =>
    answer(async () => {
      const target = await setUserDisabled(input.id, input.disabled);
      return {
        tenantId: target.tenantId,
        audit: { action: input.disabled ? "user.disabled" : "user.enabled", email: target.email },
        actor: user.email,
        ip: meta.ip,
      };
    }),
);

export const signOutUserRoute = guardedRoute(
  { name: "admin.user.sign_out", ...admin, schema: z.object({ id }).strict() },
  (input, { user, meta }) =>
    answer(async () => {
      const target = await signOutUserEverywhere(input.id);
      return {
        tenantId: target.tenantId,
        body: { ended: target.ended },
        audit: { action: "user.signed_out_everywhere", email: target.email, ended: target.ended },
        actor: user.email,
        ip: meta.ip,
      };
    }),
);
