// npm run db:seed — seeds the demo stores into DATABASE_URL. With --if-empty it only seeds a
// database that has no tenant yet (used by `npm run dev` and `npm start`).
import { createDbClient } from "../lib/db/create-client";
import { seedDemoData } from "./seed-demo-data";

const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const db = createDbClient(url, process.env.DATABASE_AUTH_TOKEN);
try {
  if (process.argv.includes("--if-empty") && (await db.tenant.count()) > 0) {
    console.log("Database already seeded.");
  } else {
    const started = performance.now();
    await seedDemoData(db);
    console.log(`Seeded demo stores in ${Math.round(performance.now() - started)} ms.`);
  }
} finally {
  await db.$disconnect();
}
