// Types for scripts/expected-warnings.mjs (plain JavaScript: the server and npm scripts load it
// without a compiler), used by its tests.
export const EXPECTED_NEXT_WARNINGS: RegExp[];
export const EXPECTED_PRISMA_WARNING: string;
export function withoutExpectedPrismaWarning(text: string): string;
export function silenceExpectedNextWarnings(target?: { warn: (...args: unknown[]) => void }): void;
