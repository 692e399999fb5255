import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getServerConfig } from "@/lib/env/server-config";

// `npm run bench`'s reference: a dynamic page through the same middleware and root layout that
// reads no data, so a page's ratio to it is what that page's own work costs. 404 unless the
// bench server enables it (BULWARK_BENCH_PAGES=1).
export default async function BenchTrivialPage() {
  if (getServerConfig().BULWARK_BENCH_PAGES !== "1") notFound();
  await connection();
  return (
    <main>
      <h1>Reference page</h1>
    </main>
  );
}
