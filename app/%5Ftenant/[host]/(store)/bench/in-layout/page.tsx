import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getServerConfig } from "@/lib/env/server-config";

// `npm run bench`: the same reference page inside the store layout (tenant, categories, session,
// cart), so the layout's own cost shows as its ratio to /bench/trivial. 404 unless enabled.
export default async function BenchInLayoutPage() {
  if (getServerConfig().BULWARK_BENCH_PAGES !== "1") notFound();
  await connection();
  return <h1>Reference page</h1>;
}
