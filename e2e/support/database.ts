import Database from "better-sqlite3";
import path from "node:path";

/** Read-only access to an end-to-end server's database, for what a real user would read elsewhere (their inbox). */
export function openE2eDatabase(name = "e2e") {
  return new Database(path.resolve(`data/${name}.db`), { readonly: true, fileMustExist: true });
}

export function readLatestMail(to: string, name = "e2e"): { subject: string; text: string } | undefined {
  const db = openE2eDatabase(name);
  try {
    return db
      .prepare(`SELECT subject, text FROM "OutboundEmail" WHERE "to" = ? ORDER BY createdAt DESC LIMIT 1`)
      .get(to) as { subject: string; text: string } | undefined;
  } finally {
    db.close();
  }
}
