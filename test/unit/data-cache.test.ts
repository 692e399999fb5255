import { describe, expect, it, vi } from "vitest";
import { cachedQuery, invalidateTags } from "@/lib/db/data-cache";

// The cache's own rules, on a counting query instead of a database.

function counting<A extends unknown[]>(answer: (...args: A) => unknown = () => ({ ok: true })) {
  const calls: A[] = [];
  return {
    calls,
    query: async (...args: A) => {
      calls.push(args);
      return answer(...args);
    },
  };
}

describe("cachedQuery", () => {
  it("keys every argument: another tenant or another slug is another entry", async () => {
    const source = counting<[string, string]>((tenant, slug) => ({ tenant, slug }));
    const read = cachedQuery(
      { namespace: "t.keys", ttlMs: 60_000, tags: (t: string) => [`t.keys:${t}`] },
      source.query,
    );
    expect(await read("a", "x")).toEqual({ tenant: "a", slug: "x" });
    expect(await read("b", "x")).toEqual({ tenant: "b", slug: "x" });
    expect(await read("a", "y")).toEqual({ tenant: "a", slug: "y" });
    expect(await read("a", "x")).toEqual({ tenant: "a", slug: "x" });
    expect(source.calls).toHaveLength(3);
  });

  it("invalidates by tag, only the entries that carry it", async () => {
    const source = counting<[string]>((t) => ({ t }));
    const read = cachedQuery({ namespace: "t.tags", ttlMs: 60_000, tags: (t) => [`t.tags:${t}`] }, source.query);
    await read("a");
    await read("b");
    invalidateTags("t.tags:a");
    await read("a");
    await read("b");
    expect(source.calls).toEqual([["a"], ["b"], ["a"]]);
  });

  it("does not keep a result read while an invalidation happened", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let version = 1;
    const read = cachedQuery({ namespace: "t.race", ttlMs: 60_000, tags: () => ["t.race"] }, async () => {
      const seen = version;
      await gate;
      return seen;
    });
    const before = read();
    version = 2;
    invalidateTags("t.race");
    release();
    expect(await before).toBe(1);
    expect(await read()).toBe(2);
  });

  it("keeps neither failures nor what `keep` refuses", async () => {
    let calls = 0;
    const read = cachedQuery(
      { namespace: "t.keep", ttlMs: 60_000, tags: () => ["t.keep"], keep: (value) => value !== null },
      async (fail: boolean) => {
        calls += 1;
        if (fail) throw new Error("boom");
        return null;
      },
    );
    await expect(read(true)).rejects.toThrow("boom");
    await expect(read(true)).rejects.toThrow("boom");
    expect(await read(false)).toBeNull();
    await Promise.resolve();
    expect(await read(false)).toBeNull();
    expect(calls).toBe(4);
  });

  it("expires an entry after its lifetime", async () => {
    const source = counting<[]>();
    const read = cachedQuery({ namespace: "t.ttl", ttlMs: -1, tags: () => [] }, source.query);
    await read();
    await read();
    expect(source.calls).toHaveLength(2);
  });

  it("is one cache per process, however many copies of the module a build makes", async () => {
    // A production build bundles the module once per route layer: a route handler's invalidation
    // must reach what a page cached.
    const source = counting<[]>();
    const pageRead = cachedQuery({ namespace: "t.shared", ttlMs: 60_000, tags: () => ["t.shared"] }, source.query);
    await pageRead();
    vi.resetModules();
    const handlerCopy = await import("@/lib/db/data-cache");
    expect(handlerCopy.invalidateTags).not.toBe(invalidateTags);
    handlerCopy.invalidateTags("t.shared");
    await pageRead();
    expect(source.calls).toHaveLength(2);
  });
});
