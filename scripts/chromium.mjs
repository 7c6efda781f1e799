// Finds the Chromium the browser tests drive: CHROMIUM_PATH, else Debian's package, else one on PATH.
// Run directly (`node scripts/chromium.mjs --install`), it installs Debian's package when none is found
// and the machine allows it, and otherwise says what to do.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The browser's path, or null. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return executable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const file of CANDIDATES) if (executable(file)) return file;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["chromium", "chromium-browser"]) if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function canInstall() {
  if (!executable("/usr/bin/apt-get")) return null;
  if (process.getuid?.() === 0) return [];
  try {
    execFileSync("sudo", ["-n", "true"], { stdio: "ignore" });
    return ["sudo", "-n"];
  } catch {
    return null;
  }
}

function install() {
  const prefix = canInstall();
  if (!prefix) return false;
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  console.log("Chromium not found: installing Debian's chromium package for the browser tests…");
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let found = findChromium();
  if (!found && process.argv.includes("--install") && install()) found = findChromium();
  if (!found) {
    console.error(
      [
        "The browser tests need Chromium, and none was found.",
        process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file.` : "",
        "Install Debian's package (`sudo apt-get install chromium`) or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the tests again.",
      ]
        .filter(Boolean)
        .join("\n"),
    );
    process.exit(1);
  }
  console.log(`Browser tests use ${found}`);
}
