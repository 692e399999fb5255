// Types for scripts/ensure-prerequisites.mjs (plain JavaScript so `npm test` can run it before
// anything is compiled), used by its tests.
export function findOnPath(command: string, searchPath?: string): string | undefined;
export function findMissing(
  env?: Record<string, string | undefined>,
  options?: { fontDirs?: string[] },
): { missing: string[]; error?: undefined } | { error: string; missing?: undefined };
export type InstallPlan =
  { run: string[][]; fallback?: string; stop?: undefined } | { stop: string; run?: undefined; fallback?: undefined };
export function planInstall(
  packages: string[],
  host: { isRoot: boolean; aptGet: boolean; sudo: boolean; interactive: boolean; allowed: boolean },
): InstallPlan;
export function ensurePrerequisites(env?: Record<string, string | undefined>): number;
