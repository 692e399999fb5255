import Database from "better-sqlite3";
import { copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { getPlatformDb, getTenantDb } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { serializeConnections } from "@/lib/db/serialized-sqlite";
import { getTenantIds } from "../support/db";

// Issue 9, item 8: one shared better-sqlite3 connection per process. These tests interleave a
// plain statement with another request's open transaction deterministically (a gate holds the
// transaction open), and make COMMIT fail with SQLITE_BUSY from a second connection.

const databaseFile = () => process.env.DATABASE_URL!.slice("file:".length);

/** Runs a transaction that writes, then waits at a gate, then fails (so it rolls back). */
function openTransactionThatRollsBack(db: PrismaClient | Awaited<ReturnType<typeof getPlatformDb>>) {
  let opened!: () => void;
  let releaseGate!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const gate = new Promise<void>((resolve) => (releaseGate = resolve));
  const done = db
    .$transaction(
      async (tx) => {
        await tx.securityEvent.create({ data: { type: "test.inside_rolled_back_transaction" } });
        opened();
        await gate;
        throw new Error("this transaction rolls back");
      },
      { maxWait: 10_000, timeout: 10_000 },
    )
    .then(
      () => "committed",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  return { isOpen, release: releaseGate, done };
}

const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a plain write while another request's transaction is open", () => {
  it("is not swallowed by that transaction's rollback (platform client)", async () => {
    const db = await getPlatformDb();
    const other = openTransactionThatRollsBack(db);
    await other.isOpen;
    // Prisma's promises are lazy: `.then` sends the statement now, while `other` is open.
    const write = db.securityEvent.create({ data: { type: "test.plain_write_platform" } }).then(() => "written");
    await tick(); // on a shared connection without a lock, the write would run now, inside `other`
    other.release();
    expect(await other.done).toBe("this transaction rolls back");
    expect(await write).toBe("written");
    expect(await db.securityEvent.count({ where: { type: "test.plain_write_platform" } })).toBe(1);
    expect(await db.securityEvent.count({ where: { type: "test.inside_rolled_back_transaction" } })).toBe(0);
  });

  it("is not swallowed either through a tenant-scoped client", async () => {
    const { northwind } = await getTenantIds();
    const platform = await getPlatformDb();
    const tenantDb = await getTenantDb(northwind);
    const other = openTransactionThatRollsBack(platform);
    await other.isOpen;
    const write = tenantDb.auditLog
      .create({
        data: {
          tenantId: northwind,
          actorId: "test",
          actorEmail: "t@example.test",
          action: "test.plain",
          entity: "x",
          entityId: "1",
        },
      })
      .then(() => "written");
    await tick();
    other.release();
    await other.done;
    expect(await write).toBe("written");
    expect(await platform.auditLog.count({ where: { tenantId: northwind, action: "test.plain" } })).toBe(1);
  });

  it("keeps 50 parallel plain writes and 10 rolled-back transactions apart", async () => {
    const db = await getPlatformDb();
    const transactions = Array.from({ length: 10 }, () => openTransactionThatRollsBack(db));
    await transactions[0]!.isOpen;
    const writes = Array.from({ length: 50 }, (_, i) =>
      db.securityEvent.create({ data: { type: "test.parallel_plain", actor: String(i) } }).then(() => i),
    );
    await tick();
    for (const t of transactions) t.release();
    await Promise.all([...writes, ...transactions.map((t) => t.done)]);
    expect(await db.securityEvent.count({ where: { type: "test.parallel_plain" } })).toBe(50);
    expect(await db.securityEvent.count({ where: { type: "test.inside_rolled_back_transaction" } })).toBe(0);
  });
});

describe("a second connection on the same file", () => {
  it("runs the database in WAL mode, so a reader does not make COMMIT fail", async () => {
    const db = await getPlatformDb();
    const mode = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode[0]?.journal_mode).toBe("wal");
    const reader = new Database(databaseFile(), { timeout: 100 });
    try {
      reader.prepare("BEGIN").run();
      reader.prepare("SELECT count(*) FROM Tenant").get();
      await db.$transaction(async (tx) => {
        await tx.securityEvent.create({ data: { type: "test.commit_with_reader" } });
      });
      expect(await db.securityEvent.count({ where: { type: "test.commit_with_reader" } })).toBe(1);
    } finally {
      reader.prepare("COMMIT").run();
      reader.close();
    }
  });
});

describe("another process holding the write lock", () => {
  it("is waited for by transactions that read before they write, and by plain writes", async () => {
    const db = await getPlatformDb();
    const other = new Database(databaseFile(), { timeout: 0 });
    other.prepare("BEGIN IMMEDIATE").run();
    other
      .prepare(
        "INSERT INTO SecurityEvent (id, type, severity, actor, ip, route, details, createdAt) VALUES ('other-process', 'test.other_process', 'INFO', '', '', '', '{}', 0)",
      )
      .run();
    setTimeout(() => other.prepare("COMMIT").run(), 1_000);
    const [transaction, plain] = await Promise.all([
      db
        .$transaction(
          async (tx) => {
            const count = await tx.securityEvent.count({ where: { type: "test.other_process" } });
            await tx.securityEvent.create({ data: { type: "test.read_then_write", actor: String(count) } });
          },
          { maxWait: 10_000, timeout: 10_000 },
        )
        .then(
          () => "committed",
          (error: unknown) => String(error),
        ),
      db.securityEvent.create({ data: { type: "test.plain_while_locked" } }).then(
        () => "written",
        (error: unknown) => String(error),
      ),
    ]);
    other.close();
    expect({ transaction, plain }).toEqual({ transaction: "committed", plain: "written" });
    // The transaction began after the other process committed: it saw that row.
    expect((await db.securityEvent.findFirstOrThrow({ where: { type: "test.read_then_write" } })).actor).toBe("1");
  });
});

describe("SQLITE_BUSY at COMMIT", () => {
  // A rollback-journal database (as a copy made by another tool could be) and a reader holding
  // its lock: COMMIT itself fails. The failed transaction must end cleanly and release the
  // connection, or every later transaction waits forever.
  const files: string[] = [];
  afterAll(() => {
    for (const file of files)
      for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });

  async function busyCommitThenNextTransaction(serialized: boolean, readerHoldsMs = Infinity) {
    const file = path.join(tmpdir(), `bulwark-busy-${process.pid}-${files.length}.db`);
    files.push(file);
    copyFileSync(inject("baseDatabase"), file);
    const setup = new Database(file);
    setup.pragma("journal_mode = DELETE");
    setup.close();
    const factory = new PrismaBetterSQLite3({ url: file, timeout: 100 });
    const db = new PrismaClient({ adapter: serialized ? serializeConnections(factory) : factory });
    const reader = new Database(file, { timeout: 100 });
    reader.prepare("BEGIN").run();
    reader.prepare("SELECT count(*) FROM Tenant").get();
    const readerDone = () => {
      if (reader.inTransaction) reader.prepare("COMMIT").run();
    };
    if (Number.isFinite(readerHoldsMs)) setTimeout(readerDone, readerHoldsMs);
    const failed = await db
      .$transaction(async (tx) => {
        await tx.securityEvent.create({ data: { type: "test.busy_commit" } });
      })
      .then(
        () => "committed",
        (error: unknown) => String(error),
      );
    readerDone();
    reader.close();
    const next = await Promise.race([
      db
        .$transaction(async (tx) => tx.securityEvent.create({ data: { type: "test.after_busy" } }), {
          maxWait: 2_000,
          timeout: 2_000,
        })
        .then(
          () => "committed",
          (error: unknown) => String(error),
        ),
      tick(3_000).then(() => "still waiting after 3 s"),
    ]);
    if (!serialized) return { failed, next };
    const plain = await db.securityEvent.create({ data: { type: "test.plain_after_busy" } }).then(() => "ok");
    const counts = {
      busy: await db.securityEvent.count({ where: { type: "test.busy_commit" } }),
      after: await db.securityEvent.count({ where: { type: "test.after_busy" } }),
    };
    await db.$disconnect();
    // What really reached the file, read by another connection.
    const check = new Database(file, { readonly: true });
    const onDisk = (type: string) =>
      Number((check.prepare("SELECT count(*) AS n FROM SecurityEvent WHERE type = ?").get(type) as { n: number }).n);
    const disk = {
      busy: onDisk("test.busy_commit"),
      after: onDisk("test.after_busy"),
      plain: onDisk("test.plain_after_busy"),
    };
    check.close();
    return { failed, next, plain, counts, disk };
  }

  it("retries COMMIT while the reader finishes, and commits", async () => {
    const result = await busyCommitThenNextTransaction(true, 300);
    if (!("disk" in result)) throw new Error("unreachable");
    expect(result.failed).toBe("committed");
    expect(result.disk).toEqual({ busy: 1, after: 1, plain: 1 });
  });

  it("fails that one transaction when the reader never lets go, then the connection serves the next ones", async () => {
    const result = await busyCommitThenNextTransaction(true);
    if (!("disk" in result)) throw new Error("unreachable");
    expect(result.failed).toMatch(/busy|locked|SocketTimeout/i);
    expect(result.next).toBe("committed");
    expect(result.plain).toBe("ok");
    expect(result.disk).toEqual({ busy: 0, after: 1, plain: 1 });
  });

  it("(the adapter alone is poisoned by it: why the wrapper exists)", async () => {
    const result = await busyCommitThenNextTransaction(false);
    expect(result.failed).toMatch(/busy|locked|SocketTimeout/i);
    expect(result.next).toBe("still waiting after 3 s");
  });
});
