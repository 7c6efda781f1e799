// Installs the locked dependencies when they are missing or older than the lock file. `npm ci` installs
// exactly what package-lock.json says and never rewrites it, so a fresh clone stays clean.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const mtime = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

const installed = mtime("node_modules/.package-lock.json");
if (!installed || installed < mtime("package-lock.json") || installed < mtime("package.json")) {
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}
