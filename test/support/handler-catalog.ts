import path from "node:path";
import { readGuardMark, type GuardMark } from "@/lib/guard/guard";
import { actionModules, root, routeModules } from "./app-modules";

// Every route handler and server action of the app, found from the file tree (test/support/
// app-modules.ts) with what the guard checks for each: a new handler is fuzzed and checked for
// mass assignment without editing a test.

type Guarded = { file: string; mark: GuardMark };
export type RouteHandler = (request: Request, context?: unknown) => Promise<Response>;
export type ActionHandler = (previous: unknown, form: unknown) => Promise<{ status: string; message?: string }>;

export type RouteEntry = Guarded & {
  kind: "route";
  method: string;
  /** The public path, dynamic segments as `[name]`. */
  template: string;
  /** Dynamic segment names, the tenant tree's `[host]` aside. */
  params: string[];
  inTenantTree: boolean;
  call: RouteHandler;
};
export type ActionEntry = Guarded & { kind: "action"; exportName: string; call: ActionHandler };

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

function describeRoute(file: string) {
  const segments = path
    .relative(path.join(root, "app"), path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  const inTenantTree = segments[0] === "%5Ftenant";
  const visible = inTenantTree ? segments.slice(2) : segments;
  const params = visible.filter((s) => /^\[[^.]+\]$/.test(s)).map((s) => s.slice(1, -1));
  return { template: "/" + visible.join("/"), params, inTenantTree };
}

/** Every exported route method, with its guard mark and public path. */
export async function listRouteHandlers(): Promise<RouteEntry[]> {
  const entries: RouteEntry[] = [];
  for (const file of routeModules) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const mark = readGuardMark(exported[method]);
      if (!mark) continue;
      entries.push({
        kind: "route",
        file: path.relative(root, file),
        mark,
        method,
        ...describeRoute(file),
        call: exported[method] as RouteHandler,
      });
    }
  }
  return entries.sort((a, b) => `${a.template} ${a.method}`.localeCompare(`${b.template} ${b.method}`));
}

/** Every exported server action, with its guard mark. */
export async function listActionHandlers(): Promise<ActionEntry[]> {
  const entries: ActionEntry[] = [];
  for (const file of actionModules) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exported)) {
      const mark = readGuardMark(value);
      if (mark?.kind === "action") {
        entries.push({
          kind: "action",
          file: path.relative(root, file),
          mark,
          exportName,
          call: value as ActionHandler,
        });
      }
    }
  }
  return entries.sort((a, b) => a.exportName.localeCompare(b.exportName));
}
