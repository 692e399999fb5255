#!/usr/bin/env node
// What `npm test` needs from the system besides Node: Debian's Chromium (Playwright drives it and
// never downloads a browser), redis-server (the rate-limit tests start a private one) and a font
// (so pages render text the same way everywhere). Like `playwright install --with-deps`, a missing
// one is installed through apt-get — directly as root, through sudo otherwise — after saying what
// will be installed; where that is impossible (no apt-get, no root and no usable sudo, or
// BULWARK_INSTALL_PREREQUISITES=0) it stops with one line naming the exact command to run.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts"];

/** The absolute path of `command` on `searchPath`, or undefined; like `command -v`, without a shell. */
export function findOnPath(command, searchPath = process.env.PATH ?? "") {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function hasFont(dirs = FONT_DIRS) {
  return dirs.some(
    (dir) =>
      existsSync(dir) && readdirSync(dir, { recursive: true }).some((name) => /\.(ttf|otf|ttc)$/i.test(String(name))),
  );
}

/**
 * The Debian packages `npm test` still needs. Chromium is looked for exactly where
 * playwright.config.ts looks: PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else /usr/bin/chromium.
 * redis-server is started through PATH, so it is looked for there.
 */
export function findMissing(env = process.env, { fontDirs = FONT_DIRS } = {}) {
  const missing = [];
  const chromium = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    // A browser the user chose explicitly is theirs to fix; apt-get would not put it there.
    if (env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH) {
      return {
        error: `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH is ${chromium}, which does not exist: point it at a Chromium or unset it.`,
      };
    }
    missing.push("chromium");
  }
  if (!findOnPath("redis-server", env.PATH)) missing.push("redis-server");
  // Chromium pulls in fontconfig, whose Debian package depends on a font; checked anyway for
  // machines where Chromium came from elsewhere.
  if (!hasFont(fontDirs)) missing.push("fonts-dejavu-core");
  return { missing };
}

/**
 * How to install `packages` on this machine: `{ run: [[command, ...args], ...] }` when this
 * process can do it, or `{ stop: "one line naming the command" }` when it cannot.
 */
export function planInstall(packages, { isRoot, aptGet, sudo, interactive, allowed }) {
  const install = ["apt-get", "install", "-y", "--no-install-recommends", ...packages];
  const asRoot = `apt-get update && ${install.join(" ")}`;
  const stop = (how) =>
    `✖ npm test needs ${packages.join(", ")}, not found on this machine: ${how}, then run npm test again.`;
  if (!aptGet) {
    return {
      stop: stop(
        `install ${packages.length > 1 ? "them" : "it"} with your package manager (on Debian or Ubuntu: sudo sh -c '${asRoot}')`,
      ),
    };
  }
  if (!allowed) return { stop: stop(`run ${isRoot ? `${asRoot}` : `sudo sh -c '${asRoot}'`}`) };
  if (isRoot) return { run: [["apt-get", "update", "-qq"], install] };
  // Without a terminal sudo cannot ask for a password: -n makes it fail at once instead of hanging.
  if (sudo) {
    const prefix = interactive ? ["sudo"] : ["sudo", "-n"];
    return {
      run: [
        [...prefix, "apt-get", "update", "-qq"],
        [...prefix, ...install],
      ],
      fallback: stop(`run sudo sh -c '${asRoot}'`),
    };
  }
  return { stop: stop(`as root, run ${asRoot}`) };
}

/** Checks, installs what is missing when it can, and returns the exit code for the caller. */
export function ensurePrerequisites(env = process.env) {
  const found = findMissing(env);
  if (found.error) {
    console.error(`✖ ${found.error}`);
    return 1;
  }
  if (found.missing.length === 0) return 0;
  const plan = planInstall(found.missing, {
    isRoot: process.getuid?.() === 0,
    aptGet: Boolean(findOnPath("apt-get", env.PATH)),
    sudo: Boolean(findOnPath("sudo", env.PATH)),
    interactive: Boolean(process.stdin.isTTY),
    allowed: env.BULWARK_INSTALL_PREREQUISITES !== "0",
  });
  if (plan.stop) {
    console.error(plan.stop);
    return 1;
  }
  const install = plan.run.at(-1);
  console.log(`npm test needs ${found.missing.join(", ")}; installing: ${install.join(" ")}`);
  for (const [command, ...args] of plan.run) {
    const result = spawnSync(command, args, {
      stdio: "inherit",
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) {
      console.error(plan.fallback ?? `✖ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
      return 1;
    }
  }
  const after = findMissing(env);
  if (after.error || after.missing.length > 0) {
    // apt-get succeeded, so the program landed outside PATH (or outside /usr/bin, for Chromium).
    console.error(
      `✖ ${after.error ?? after.missing.join(", ")} still not found after apt-get install: is /usr/bin on PATH?`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(ensurePrerequisites());
