import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Playwright builds into its own directory so a running `next dev` is never clobbered.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@libsql/client"],
};

export default nextConfig;
