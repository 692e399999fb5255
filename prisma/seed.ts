// npm run db:seed -- --demo — seeds the demo stores and their published demo accounts into
// DATABASE_URL. Never in production: those accounts share a password printed in the README.
// With --if-empty it seeds only a database without any store yet (used by `npm run dev`).
import { createDbClient } from "../lib/db/create-client";
import { seedDemoData } from "./seed-demo-data";

if (!process.argv.includes("--demo")) {
  console.error("Usage: npm run db:seed -- --demo   (demo stores and accounts with a published password)");
  process.exit(2);
}
if (process.env.NODE_ENV === "production") {
  console.error(
    "Refusing to seed demo accounts with NODE_ENV=production: their password is published. Create an administrator with `npm run admin:create` instead.",
  );
  process.exit(1);
}

const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const db = createDbClient(url, process.env.DATABASE_AUTH_TOKEN);
try {
  if (process.argv.includes("--if-empty") && (await db.tenant.count({ where: { kind: "STORE" } })) > 0) {
    console.log("Database already seeded.");
  } else {
    const started = performance.now();
    await seedDemoData(db);
    console.log(`Seeded demo stores in ${Math.round(performance.now() - started)} ms.`);
  }
} finally {
  await db.$disconnect();
}
