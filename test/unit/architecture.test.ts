import path from "node:path";
import { describe, expect, it } from "vitest";
import { externalRoute, guardedAction, guardedRoute } from "@/lib/guard/guard";
import { z } from "zod";
import { actionModules, findUnguardedExports, inlineActionFiles, root, routeModules } from "../support/app-modules";
import { tagAsvs } from "@/security/asvs-ids";

// Issue 11: the guard is checked on the running code, not by reading source text. guardedRoute,
// guardedAction and externalRoute mark what they return; every route module and server-action
// module of the app is imported, and every export must carry the mark.

const relative = (file: string) => path.relative(root, file);

describe(`${tagAsvs("V4.1.1")} every handler goes through the guard`, () => {
  it.each(routeModules.map((file) => [relative(file), file]))("route %s", async (_name, file) => {
    const exported = (await import(file)) as Record<string, unknown>;
    const methods = Object.keys(exported).filter((name) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name));
    expect(methods.length, "a route module defines at least one method").toBeGreaterThan(0);
    expect(findUnguardedExports(exported, "route")).toEqual([]);
  });

  it.each(actionModules.map((file) => [relative(file), file]))("server actions %s", async (_name, file) => {
    const exported = (await import(file)) as Record<string, unknown>;
    expect(Object.keys(exported).length).toBeGreaterThan(0);
    expect(findUnguardedExports(exported, "action")).toEqual([]);
  });

  it("no server action is declared inline in a page or component", () => {
    expect(inlineActionFiles.map(relative)).toEqual([]);
  });

  it("found the app's handlers (the scan is not empty)", () => {
    expect(routeModules.length).toBeGreaterThanOrEqual(25);
    expect(actionModules.length).toBeGreaterThanOrEqual(3);
  });
});

describe("the check itself", () => {
  const schema = z.object({});
  const guarded = guardedRoute({ name: "t", access: "public", schema }, async () => new Response());
  const action = guardedAction({ name: "t", access: "public", schema, limit: "page" }, async () => ({
    status: "success" as const,
    message: "ok",
  }));
  const external = externalRoute({ name: "t", reason: "test" }, async () => new Response());

  it("refuses an unguarded method added beside guarded ones", () => {
    const handler = async () => new Response("hi");
    expect(findUnguardedExports({ GET: guarded, DELETE: handler }, "route")).toEqual(["DELETE"]);
    // A guarded function wrapped again loses nothing; a plain wrapper around it has no mark.
    expect(findUnguardedExports({ POST: (r: Request) => guarded(r) }, "route")).toEqual(["POST"]);
    expect(findUnguardedExports({ POST: external }, "route")).toEqual([]);
  });

  it("refuses an action that is not a guarded action, and a route handler used as an action", () => {
    expect(findUnguardedExports({ act: action }, "action")).toEqual([]);
    expect(findUnguardedExports({ act: async () => ({}) }, "action")).toEqual(["act"]);
    expect(findUnguardedExports({ act: guarded }, "action")).toEqual(["act"]);
    expect(findUnguardedExports({ GET: action }, "route")).toEqual(["GET"]);
  });
});
