import path from "node:path";

export type DatabaseTarget =
  { driver: "better-sqlite3"; file: string } | { driver: "libsql"; url: string; authToken?: string };

/**
 * Decides the driver adapter from DATABASE_URL: `file:` is an embedded SQLite file opened with
 * better-sqlite3; `libsql:`, `http(s):` and `ws(s):` go to a libSQL server or Turso. A `libsql+file:`
 * URL opens a local file through libSQL, which lets the distributed path be tested offline.
 */
export function resolveDatabaseTarget(url: string, authToken?: string): DatabaseTarget {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file === ":memory:") return { driver: "better-sqlite3", file };
    return { driver: "better-sqlite3", file: path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
  }
  if (url.startsWith("libsql+file:")) {
    return {
      driver: "libsql",
      url: `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("libsql+file:".length))}`,
    };
  }
  if (/^(libsql|https?|wss?):\/\//.test(url)) {
    return { driver: "libsql", url, ...(authToken ? { authToken } : {}) };
  }
  throw new Error(
    `DATABASE_URL must start with file:, libsql+file:, libsql://, https:// or wss:// (got "${url.split(":")[0]}:")`,
  );
}
