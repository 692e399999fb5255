import { vi } from "vitest";

/**
 * Turns logging on for a test and collects every line written: the server's pino lines (written
 * to process.stdout and process.stderr) and the edge logger's console lines. `restore` puts it all
 * back. Each entry is one line, as a collector would read it.
 */
export function captureLogLines(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const previous = process.env.BULWARK_LOG_IN_TESTS;
  process.env.BULWARK_LOG_IN_TESTS = "1";
  const push = (text: string) => lines.push(...text.split("\n").filter(Boolean));
  const fromConsole = (...args: unknown[]) => push(args.map(String).join(" "));
  const fromStream = (chunk: unknown) => {
    push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  const spies = [
    vi.spyOn(console, "log").mockImplementation(fromConsole),
    vi.spyOn(console, "warn").mockImplementation(fromConsole),
    vi.spyOn(process.stdout, "write").mockImplementation(fromStream),
    vi.spyOn(process.stderr, "write").mockImplementation(fromStream),
  ];
  return {
    lines,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
      if (previous === undefined) delete process.env.BULWARK_LOG_IN_TESTS;
      else process.env.BULWARK_LOG_IN_TESTS = previous;
    },
  };
}
