import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findMissing, findOnPath, planInstall } from "@/scripts/ensure-prerequisites.mjs";

const script = path.resolve(import.meta.dirname, "../../scripts/ensure-prerequisites.mjs");
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A PATH of one directory holding links to just `programs`: everything else is "not installed". */
function pathWith(...programs: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bulwark-path-"));
  dirs.push(dir);
  for (const program of programs) {
    const target = findOnPath(program);
    if (!target) throw new Error(`${program} is needed on this machine to build the test PATH`);
    symlinkSync(target, path.join(dir, program));
  }
  return dir;
}

function run(env: Record<string, string>) {
  // Chromium is pinned to a file that exists, so redis-server is the one prerequisite removed.
  const result = spawnSync(process.execPath, [script], {
    env: { NODE_ENV: "test", PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: process.execPath, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, lines: result.stderr.trim().split("\n") };
}

const aptCommand = "apt-get update && apt-get install -y --no-install-recommends redis-server";

describe("npm test's prerequisites", () => {
  it("with redis-server off PATH and no apt-get, stops with one line naming the command", () => {
    const { status, stdout, lines } = run({ PATH: pathWith() });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(lines).toEqual([
      `✖ npm test needs redis-server, not found on this machine: install it with your package manager (on Debian or Ubuntu: sudo sh -c '${aptCommand}'), then run npm test again.`,
    ]);
  });

  it("with apt-get but installing turned off, names the exact apt-get command and installs nothing", () => {
    const root = process.getuid?.() === 0;
    const { status, stdout, lines } = run({ PATH: pathWith("apt-get"), BULWARK_INSTALL_PREREQUISITES: "0" });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(lines).toEqual([
      `✖ npm test needs redis-server, not found on this machine: run ${root ? aptCommand : `sudo sh -c '${aptCommand}'`}, then run npm test again.`,
    ]);
  });

  it("passes silently when everything is there", () => {
    const { status, stdout, lines } = run({ PATH: process.env.PATH ?? "" });
    expect({ status, stdout, lines }).toEqual({ status: 0, stdout: "", lines: [""] });
  });

  it("refuses a PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH that does not exist instead of installing another browser", () => {
    const { status, lines } = run({
      PATH: process.env.PATH ?? "",
      PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: "/nonexistent/chromium",
    });
    expect(status).toBe(1);
    expect(lines).toEqual([
      "✖ PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH is /nonexistent/chromium, which does not exist: point it at a Chromium or unset it.",
    ]);
  });

  it("looks for Chromium where Playwright does, and for a font", () => {
    const env = { PATH: pathWith("redis-server") };
    expect(findMissing({ ...env, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: process.execPath }, { fontDirs: [] })).toEqual({
      missing: ["fonts-dejavu-core"],
    });
    expect(findMissing({ ...env, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: process.execPath })).toEqual({ missing: [] });
  });
});

describe("planInstall", () => {
  const packages = ["chromium", "redis-server"];
  const install = ["apt-get", "install", "-y", "--no-install-recommends", ...packages];
  const host = { isRoot: false, aptGet: true, sudo: true, interactive: true, allowed: true };

  it("installs directly as root", () => {
    expect(planInstall(packages, { ...host, isRoot: true }).run).toEqual([["apt-get", "update", "-qq"], install]);
  });

  it("goes through sudo otherwise, never waiting for a password it cannot ask for", () => {
    expect(planInstall(packages, host).run).toEqual([
      ["sudo", "apt-get", "update", "-qq"],
      ["sudo", ...install],
    ]);
    const batch = planInstall(packages, { ...host, interactive: false });
    expect(batch.run).toEqual([
      ["sudo", "-n", "apt-get", "update", "-qq"],
      ["sudo", "-n", ...install],
    ]);
    expect(batch.fallback).toBe(
      "✖ npm test needs chromium, redis-server, not found on this machine: run sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium redis-server', then run npm test again.",
    );
  });

  it("without root or sudo, stops and says to run it as root", () => {
    expect(planInstall(packages, { ...host, sudo: false })).toEqual({
      stop: "✖ npm test needs chromium, redis-server, not found on this machine: as root, run apt-get update && apt-get install -y --no-install-recommends chromium redis-server, then run npm test again.",
    });
  });
});

describe(".ci/run", () => {
  it("is the README's commands and nothing else: npm test brings its own prerequisites", () => {
    const commands = readFileSync(path.resolve(import.meta.dirname, "../../.ci/run"), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    expect(commands).toEqual([
      "set -euo pipefail",
      'cd "$(dirname "$0")/.."',
      "node --version",
      "npm --version",
      "npm ci --no-audit --no-fund",
      "npm test",
    ]);
  });
});
