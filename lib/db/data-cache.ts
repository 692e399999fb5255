import "server-only";
import { readProcessState } from "@/lib/env/process-state";

// The process-wide data cache (docs/decisions/012-data-cache.md). It caches query results, never
// pages: nonce-bearing HTML stays dynamic. Next.js's own data cache (`unstable_cache`,
// `revalidateTag`) needs a request context, so code outside a render or route handler cannot
// invalidate it and the integration tests cannot exercise it, and in Next 16 a tag revalidation
// serves the stale entry once more; this one expires an entry the moment its tag is invalidated.
//
// Keys always carry the namespace and every argument (the tenant's id first), so two stores can
// never share an entry. Per-user data (session, cart) is never put here.

type Entry = {
  value: Promise<unknown>;
  tags: readonly string[];
  /** The generation of each tag when the query started: a later invalidation makes it stale. */
  generations: readonly number[];
  expiresAt: number;
};

/**
 * Bounds memory whatever keys requests produce. Entries are kept per partition (the tags of the
 * query's first argument: one store's catalog, or the host look-ups), each at most
 * PARTITION_ENTRIES, so one store's visitors asking for endless new searches or slugs can only
 * push out that store's own entries. Past MAX_ENTRIES in all, the largest partition gives up its
 * least recently used entry.
 */
const MAX_ENTRIES = 5_000;
const PARTITION_ENTRIES = 1_000;

// One per process (lib/env/process-state.ts): a production build bundles this module once per
// route layer (pages, route handlers, server actions), and an invalidation made by a route
// handler must reach the entries a page reads. Measured: without this, a suspended store kept
// answering from its page's copy of the cache.
type CacheState = {
  /** Partition → key → entry, each map in least-recently-used order. */
  partitions: Map<string, Map<string, Entry>>;
  /** Queries still running, shared by concurrent misses; a result joins a partition only when kept. */
  inflight: Map<string, Entry>;
  tagGenerations: Map<string, number>;
  count: { entries: number };
};
const state = readProcessState<CacheState>("data-cache", () => ({
  partitions: new Map(),
  inflight: new Map(),
  tagGenerations: new Map(),
  count: { entries: 0 },
}));
const { partitions, inflight, tagGenerations, count } = state;

const generationOf = (tag: string) => tagGenerations.get(tag) ?? 0;

function isFresh(entry: Entry, now: number): boolean {
  return entry.expiresAt > now && entry.tags.every((tag, index) => generationOf(tag) === entry.generations[index]);
}

/** Cached values are shared by every request that reads them: freezing makes a mutation throw. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function removeOldest(partitionKey: string, partition: Map<string, Entry>): void {
  const oldest = partition.keys().next();
  if (oldest.done) return;
  partition.delete(oldest.value);
  count.entries -= 1;
  if (partition.size === 0) partitions.delete(partitionKey);
}

function store(partitionKey: string, key: string, entry: Entry): void {
  let partition = partitions.get(partitionKey);
  if (!partition) partitions.set(partitionKey, (partition = new Map()));
  if (partition.delete(key)) count.entries -= 1;
  partition.set(key, entry);
  count.entries += 1;
  if (partition.size > PARTITION_ENTRIES) removeOldest(partitionKey, partition);
  if (count.entries > MAX_ENTRIES) {
    let largest: [string, Map<string, Entry>] | undefined;
    for (const candidate of partitions) if (!largest || candidate[1].size > largest[1].size) largest = candidate;
    if (largest) removeOldest(...largest);
  }
}

export type CachedQueryOptions<A extends unknown[]> = {
  /** Names the query; part of every key. */
  namespace: string;
  /** How long an entry may live without an invalidation: bounds what other processes' writes can leave stale. */
  ttlMs: number;
  /** The tags an entry is invalidated by, from the query's first argument (its tenant, or host). */
  tags: (first: NoInfer<A>[0]) => string[];
  /** Whether a result is kept; e.g. null for an unknown key is not, so junk keys take no room. */
  keep?: (value: unknown) => boolean;
};

/**
 * Wraps a query so equal arguments within `ttlMs` share one result. Concurrent misses share one
 * query; a failed query is not kept, and neither is one an invalidation overtook.
 */
export function cachedQuery<A extends unknown[], R>(
  options: CachedQueryOptions<A>,
  query: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return (...args: A) => {
    const key = `${options.namespace}\u0000${JSON.stringify(args)}`;
    const tags = options.tags(args[0]);
    const partitionKey = tags.join("\u0000");
    const now = Date.now();
    const partition = partitions.get(partitionKey);
    const hit = partition?.get(key);
    if (hit && isFresh(hit, now)) {
      partition!.delete(key);
      partition!.set(key, hit);
      return hit.value as Promise<R>;
    }
    const running = inflight.get(key);
    if (running && isFresh(running, now)) return running.value as Promise<R>;
    // Read before the query starts: an invalidation during the query leaves this result stale.
    const generations = tags.map(generationOf);
    const value = query(...args).then(deepFreeze);
    const entry: Entry = { value, tags, generations, expiresAt: now + options.ttlMs };
    inflight.set(key, entry);
    const settle = (kept: boolean) => {
      if (inflight.get(key) === entry) inflight.delete(key);
      if (kept && isFresh(entry, Date.now())) store(partitionKey, key, entry);
    };
    value.then(
      (result) => settle(!options.keep || options.keep(result)),
      () => settle(false),
    );
    return value;
  };
}

/** Every entry carrying one of these tags is a miss from now on, in this process. */
export function invalidateTags(...tags: string[]): void {
  for (const tag of tags) tagGenerations.set(tag, generationOf(tag) + 1);
}

/** A store's catalog: categories, products, variants, images, facets. */
export const catalogTag = (tenantId: string) => `catalog:${tenantId}`;
/** Every host → store look-up: store rows and domains change rarely, and only by administrators. */
export const TENANT_HOSTS_TAG = "tenant-hosts";
