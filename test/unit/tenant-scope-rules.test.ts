import { describe, expect, it } from "vitest";
import { scopeOperation, TenantScopeViolation } from "@/lib/db/tenant-scope";
import { tagAsvs } from "@/security/asvs-ids";

// The tenant boundary's argument rewriting on its own, for every operation kind and odd argument
// shape (test/integration/tenant-scope.test.ts checks it against the database). A refusal names
// the part of the query that crossed the boundary, so an operator can find the offending call.

const TENANT = "t1";
const scope = (model: string, operation: string, args: Record<string, unknown> | undefined) =>
  scopeOperation(model, operation, args, TENANT);

function refusal(run: () => unknown): TenantScopeViolation {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TenantScopeViolation);
    expect((error as Error).name).toBe("TenantScopeViolation");
    return error as TenantScopeViolation;
  }
  throw new Error("expected a tenant scope violation");
}

describe("where clauses", () => {
  it(`${tagAsvs("V4.2.1")} refuse another tenant in tenantId and in either order of compound key`, () => {
    expect(refusal(() => scope("Product", "findMany", { where: { tenantId: "t2" } })).message).toMatch(
      /where\.tenantId names another tenant/,
    );
    expect(
      refusal(() => scope("Product", "findUnique", { where: { tenantId_slug: { tenantId: "t2", slug: "s" } } }))
        .message,
    ).toMatch(/where\.tenantId_slug names another tenant/);
    expect(
      refusal(() => scope("Product", "findUnique", { where: { id_tenantId: { id: "p", tenantId: "t2" } } })).message,
    ).toMatch(/where\.id_tenantId names another tenant/);
    expect(scope("Product", "findUnique", { where: { id_tenantId: { id: "p", tenantId: TENANT } } })).toEqual({
      where: { id_tenantId: { id: "p", tenantId: TENANT }, tenantId: TENANT },
    });
  });

  it("refuse a tenantId condition they cannot prove is only this tenant", () => {
    for (const condition of [null, { equals: TENANT, not: "t2" }, { equals: "t2" }, {}, 7]) {
      refusal(() => scope("Product", "findMany", { where: { tenantId: condition } }));
    }
  });

  it("accept an absent compound key and no arguments at all, and still scope the query", () => {
    expect(scope("Product", "findFirst", { where: { id: "p", tenantId_slug: undefined } })).toEqual({
      where: { id: "p", tenantId_slug: undefined, tenantId: TENANT },
    });
    expect(scope("Product", "findMany", undefined)).toEqual({ where: { tenantId: TENANT } });
    expect(scope("Product", "deleteMany", undefined)).toEqual({ where: { tenantId: TENANT } });
  });

  it("let a tenant client read only its own tenant row, and never write one", () => {
    expect(scope("Tenant", "findUnique", { where: { id: TENANT } })).toEqual({ where: { id: TENANT } });
    expect(refusal(() => scope("Tenant", "findUnique", { where: { id: "t2" } })).message).toMatch(
      /where\.id names another tenant/,
    );
    expect(refusal(() => scope("Tenant", "update", { where: { id: TENANT }, data: {} })).message).toMatch(
      /cannot update tenants/,
    );
    expect(refusal(() => scope("WebhookEvent", "findMany", {})).message).toMatch(
      /WebhookEvent is not reachable from a tenant client/,
    );
    expect(refusal(() => scope("Product", "aggregateRaw", {})).message).toMatch(
      /Product\.aggregateRaw is not supported/,
    );
  });
});

describe("writes by where", () => {
  it("scope every kind, including the ones that return rows and single deletes", () => {
    for (const operation of ["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"]) {
      const data = operation.startsWith("update") ? { title: "x" } : undefined;
      expect(scope("Product", operation, { where: { id: "p" }, data }), operation).toEqual({
        where: { id: "p", tenantId: TENANT },
        data,
      });
    }
  });

  it("refuse moving rows to another tenant, naming where", () => {
    expect(refusal(() => scope("Product", "updateMany", { where: {}, data: { tenantId: "t2" } })).message).toMatch(
      /data\.tenantId names another tenant/,
    );
    expect(
      refusal(() => scope("Order", "update", { where: { id: "o" }, data: { items: { create: { tenantId: "t2" } } } }))
        .message,
    ).toMatch(/data\.items\.create\.tenantId names another tenant/);
  });

  it("allow setting a field to null or a date", () => {
    const data = { description: null, publishedAt: new Date(0), bytes: new Uint8Array([1]) };
    expect(scope("Product", "update", { where: { id: "p" }, data })).toEqual({
      where: { id: "p", tenantId: TENANT },
      data,
    });
  });

  it("refuse every relation write, naming it", () => {
    for (const key of ["connect", "connectOrCreate", "disconnect"]) {
      expect(
        refusal(() => scope("Product", "update", { where: { id: "p" }, data: { category: { [key]: { id: "c" } } } }))
          .message,
      ).toMatch(new RegExp(`data\\.category uses ${key}; set the foreign key field instead`));
    }
  });
});

describe("creates", () => {
  it("stamp the tenant on a single row, a list of rows, and the create half of an upsert", () => {
    expect(scope("Category", "create", { data: { slug: "c" } })).toEqual({ data: { slug: "c", tenantId: TENANT } });
    for (const operation of ["createMany", "createManyAndReturn"]) {
      expect(scope("Category", operation, { data: [{ slug: "a" }, { slug: "b" }] }), operation).toEqual({
        data: [
          { slug: "a", tenantId: TENANT },
          { slug: "b", tenantId: TENANT },
        ],
      });
      // Prisma also takes a single row for a batch.
      expect(scope("Category", operation, { data: { slug: "a" } }), operation).toEqual({
        data: [{ slug: "a", tenantId: TENANT }],
      });
    }
    expect(scope("Category", "upsert", { where: { id: "c" }, create: { slug: "c" }, update: { name: "n" } })).toEqual({
      where: { id: "c", tenantId: TENANT },
      create: { slug: "c", tenantId: TENANT },
      update: { name: "n" },
    });
  });

  it("refuse rows that are not objects, naming which", () => {
    for (const data of [undefined, null, "slug", 3, [{ slug: "a" }]]) {
      expect(refusal(() => scope("Category", "create", { data })).message).toMatch(/: data must be an object$/);
    }
    expect(refusal(() => scope("Category", "create", undefined)).message).toMatch(/data must be an object/);
    expect(refusal(() => scope("Category", "createMany", undefined)).message).toMatch(/data\[0\] must be an object/);
    expect(refusal(() => scope("Category", "createMany", { data: [{ slug: "a" }, "b"] })).message).toMatch(
      /data\[1\] must be an object/,
    );
    expect(refusal(() => scope("Category", "upsert", undefined)).message).toMatch(/create must be an object/);
  });

  it("refuse another tenant in any row, and in either half of an upsert, naming where", () => {
    expect(
      refusal(() => scope("Category", "createMany", { data: [{ slug: "a" }, { slug: "b", tenantId: "t2" }] })).message,
    ).toMatch(/data\[1\]\.tenantId names another tenant/);
    expect(
      refusal(() =>
        scope("Category", "upsert", { where: { id: "c" }, create: { slug: "c" }, update: { tenantId: "t2" } }),
      ).message,
    ).toMatch(/update\.tenantId names another tenant/);
    expect(
      refusal(() =>
        scope("Category", "upsert", { where: { id: "c" }, create: { slug: "c", tenantId: "t2" }, update: {} }),
      ).message,
    ).toMatch(/create\.tenantId names another tenant/);
  });
});

describe("write trees", () => {
  // A chain of nested creates whose innermost object sits `levels` below the data object.
  const nested = (levels: number): Record<string, unknown> => {
    let tree: Record<string, unknown> = { sku: "S" };
    for (let i = 0; i < levels; i++) tree = { child: tree };
    return tree;
  };

  it("are read as deep as any write Bulwark makes, and a deeper one is refused rather than waved through", () => {
    expect(scope("Cart", "create", { data: nested(8) })).toMatchObject({ data: { tenantId: TENANT } });
    expect(refusal(() => scope("Cart", "create", { data: nested(9) })).message).toMatch(
      /data(\.child){9} is nested too deeply to check/,
    );
  });
});
