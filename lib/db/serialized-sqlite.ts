import "server-only";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

// Why this exists (decision 008): @prisma/adapter-better-sqlite3 shares one connection per
// process. Its interactive transactions take a lock, but plain statements never wait for it, so a
// write issued by one request while another request's transaction is open runs *inside* that
// transaction on the shared connection — it reports success and is rolled back with the other
// request. And when COMMIT fails (SQLITE_BUSY from another process), Prisma never calls the
// adapter's commit(), so the lock is never released and every later transaction waits forever.
//
// This wrapper puts every statement of the connection behind one lock: a plain statement waits
// while a transaction is open, and a transaction is closed (rolled back if COMMIT failed) and its
// lock released whatever happens.

/** How long a plain statement may wait for an open transaction before failing loudly. */
const LOCK_WAIT_MS = 20_000;
/**
 * How long a statement keeps retrying while another process holds SQLite's write lock. The
 * driver's own busy timeout is kept short (it blocks the event loop while it waits); the rest of
 * the wait happens here, asynchronously.
 */
const BUSY_RETRY_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | null)?.cause;
  return typeof cause?.originalCode === "string" && /^SQLITE_(BUSY|LOCKED)/.test(cause.originalCode);
}

/** Runs a statement that had no effect if it failed busy (autocommit, or BEGIN), retrying it. */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  const until = Date.now() + BUSY_RETRY_MS;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || Date.now() + delay > until) throw error;
      await sleep(delay);
    }
  }
}

const BEGIN_IMMEDIATE = { sql: "BEGIN IMMEDIATE", args: [], argTypes: [] };
const ROLLBACK = { sql: "ROLLBACK", args: [], argTypes: [] };

class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = this.#tail.then(() => released);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database statement waited too long for a transaction")), LOCK_WAIT_MS);
      timer.unref?.();
    });
    return Promise.race([previous.then(() => release), timedOut]).then(
      (value) => {
        clearTimeout(timer);
        return value;
      },
      (error: unknown) => {
        // Give the place in the queue back once it comes, so later holders are not stuck behind us.
        void previous.then(release);
        throw error;
      },
    );
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

const isCommit = (query: SqlQuery) => /^\s*COMMIT\b/i.test(query.sql);

class SerializedTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  #released = false;

  constructor(
    private readonly inner: Transaction,
    private readonly releaseLock: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.releaseLock();
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    if (!isCommit(query)) return this.inner.executeRaw(query);
    try {
      // A COMMIT that fails busy leaves the transaction intact: SQLite says to try it again.
      return await retryWhileBusy(() => this.inner.executeRaw(query));
    } catch (error) {
      // Still failing: SQLite is inside the transaction and Prisma will not call commit() or
      // rollback(). End it here so the connection is clean and the next request can go on.
      await this.inner.executeRaw(ROLLBACK).catch(() => undefined);
      await this.inner.rollback().catch(() => undefined);
      this.#release();
      throw error;
    }
  }

  async commit(): Promise<void> {
    try {
      await this.inner.commit();
    } finally {
      this.#release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.inner.rollback();
    } finally {
      this.#release();
    }
  }
}

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly #lock = new ConnectionLock();

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#lock.run(() => retryWhileBusy(() => this.inner.queryRaw(query)));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#lock.run(() => retryWhileBusy(() => this.inner.executeRaw(query)));
  }

  executeScript(script: string): Promise<void> {
    return this.#lock.run(() => retryWhileBusy(() => this.inner.executeScript(script)));
  }

  /**
   * Transactions take SQLite's write lock at BEGIN (IMMEDIATE). The adapter begins DEFERRED: a
   * transaction that reads first and then writes while another process writes fails with
   * SQLITE_BUSY at once, whatever the busy timeout. So its BEGIN is swapped for BEGIN IMMEDIATE
   * on the same connection, retried while another process holds the lock.
   */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.#lock.acquire();
    let inner: Transaction | undefined;
    try {
      inner = await this.inner.startTransaction(isolationLevel);
      await inner.executeRaw(ROLLBACK);
      const begun = inner;
      await retryWhileBusy(() => begun.executeRaw(BEGIN_IMMEDIATE));
      return new SerializedTransaction(inner, release);
    } catch (error) {
      await inner?.rollback().catch(() => undefined);
      release();
      throw error;
    }
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** Wraps an adapter factory so each connection it makes serialises statements and transactions. */
export function serializeConnections(
  factory: SqlDriverAdapterFactory,
  onConnect?: (adapter: SqlDriverAdapter) => Promise<void>,
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = await factory.connect();
      await onConnect?.(inner);
      return new SerializedAdapter(inner);
    },
  };
}
