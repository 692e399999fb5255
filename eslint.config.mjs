import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Pages, layouts and route handlers stay thin: data access goes through lib/.
    files: ["app/**/*.{ts,tsx}", "middleware.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "@/lib/db", "@/lib/db/*"],
              message: "Pages and handlers call lib/<domain>, never Prisma.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call a parameter named `use`, which is no React hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "dist/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    "data/**",
    ".stryker-tmp/**",
    "reports/**",
  ]),
]);
