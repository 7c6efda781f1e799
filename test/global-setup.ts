import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Migrates one template database; each test file then works on its own copy. */
export default function setup() {
  const dir = path.resolve(".cache", `test-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_DB_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
