import { describe, expect, it } from "vitest";
import { readImportGraph, type ImportEdge } from "../support/import-graph";

// The middleware runs on the edge runtime: no Node streams, no database, no server-only module.
// What it loads is read from the import graph the compiler resolves, from middleware.ts down.

function reachableFrom(entry: string, edges: ImportEdge[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const from = queue.pop()!;
    for (const edge of edges) {
      if (edge.from !== from || edge.typeOnly) continue;
      if (/\.(ts|tsx)$/.test(edge.to)) {
        if (!files.has(edge.to)) {
          files.add(edge.to);
          queue.push(edge.to);
        }
      } else packages.add(edge.to);
    }
  }
  return { files, packages };
}

describe("what the edge middleware loads", () => {
  const { files, packages } = reachableFrom("middleware.ts", readImportGraph());

  it("logs through the edge logger, never pino, and loads nothing server-only or Node-only", () => {
    expect(files.has("lib/telemetry/edge-logger.ts")).toBe(true);
    expect(files.has("lib/telemetry/logger.ts")).toBe(false);
    const forbidden = [...packages].filter(
      (name) =>
        name === "pino" || name === "server-only" || name.startsWith("node:") || /^@prisma|^better-sqlite3/.test(name),
    );
    expect(forbidden).toEqual([]);
  });

  it("the check sees a package the middleware loads (it is not looking at an empty graph)", () => {
    expect(packages.has("next")).toBe(true);
    expect(files.size).toBeGreaterThan(10);
  });
});
