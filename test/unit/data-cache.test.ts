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

  // An outside test filled the one shared list with 5,000 made-up searches on one store and
  // emptied every other store's entries; unknown slugs asked in parallel did it without being kept.
  it("lets a flood of new keys on one store push out only that store's own entries", async () => {
    const source = counting<[string, string]>((tenant, q) => ({ tenant, q }));
    const read = cachedQuery(
      { namespace: "t.flood", ttlMs: 60_000, tags: (t: string) => [`t.flood:${t}`] },
      source.query,
    );
    await read("victim", "boots");
    for (let i = 0; i < 6_000; i++) await read("attacked", `made-up ${i}`);
    const before = source.calls.length;
    await read("victim", "boots");
    expect(source.calls.length).toBe(before);
    // The flooded store keeps its most recent entries, at most its share.
    await read("attacked", "made-up 5999");
    expect(source.calls.length).toBe(before);
    await read("attacked", "made-up 0");
    expect(source.calls.length).toBe(before + 1);
  });

  it("gives no room to results it does not keep, however many run at once", async () => {
    const source = counting<[string, string]>((tenant, slug) => (tenant === "attacked" ? null : { slug }));
    const read = cachedQuery(
      {
        namespace: "t.junk",
        ttlMs: 60_000,
        tags: (t: string) => [`t.junk:${t}`],
        keep: (value) => value !== null,
      },
      source.query,
    );
    const kept = [];
    for (let i = 0; i < 1_000; i++) kept.push(await read("victim", `slug-${i}`));
    await Promise.all(Array.from({ length: 6_000 }, (_, i) => read("attacked", `no-such-${i}`)));
    const before = source.calls.length;
    for (let i = 0; i < 1_000; i++) await read("victim", `slug-${i}`);
    expect(source.calls.length).toBe(before);
  });

  it("shares one running query between concurrent misses, and not one an invalidation overtook", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source = counting<[string]>(async () => {
      await gate;
      return { ok: true };
    });
    const read = cachedQuery({ namespace: "t.share", ttlMs: 60_000, tags: () => ["t.share"] }, source.query);
    const first = [read("a"), read("a"), read("a")];
    expect(source.calls).toHaveLength(1);
    invalidateTags("t.share");
    const after = read("a");
    expect(source.calls).toHaveLength(2);
    release();
    await Promise.all([...first, after]);
  });
});
