import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Every build also writes a standalone server (the app with only the node_modules files it
  // loads); `npm run package` turns it into a directory that starts with one command.
  output: "standalone",
  reactStrictMode: true,
  // Playwright builds into its own directory so a running `next dev` is never clobbered.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Catalog images are SVG illustrations and merchant uploads served per store by /media; the
  // optimiser would fetch them without the store's host, so they are served as they are.
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@libsql/client", "pino"],
  // Next.js would answer "/path/" with a redirect before the middleware runs, so a blocked client
  // or a scanner would still get answers: the middleware redirects instead, after its checks.
  skipTrailingSlashRedirect: true,
  // The middleware sets every header, with a per-request CSP nonce, on everything it sees; these
  // static ones also cover the build's own assets, which the middleware never sees.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
