import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The SQL a capability runs beside Prisma lives in its `queries.server.ts` (one dialect per
 * file), and the database plumbing in `app/utils/`. A statement written anywhere else shows
 * here with its file and line.
 */
const RAW =
  /\$queryRaw|\$executeRaw|\bsqlRead\s*\(|\.execute\s*\(\s*[{`"']|\.batch\s*\(|\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+["`]?[A-Z][A-Za-z]+["`]?/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const allowed = (file: string) => file.startsWith(path.join("app", "utils") + path.sep) || file.endsWith("queries.server.ts");

describe("queries in one place", () => {
  it("no module, route or server file outside the queries files writes SQL", () => {
    const found: string[] = [];
    for (const file of sources("app")) {
      if (allowed(file)) continue;
      fs.readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (RAW.test(line) && !/^\s*(\/\/|\*|\/\*\*)/.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`);
        });
    }
    expect(found).toEqual([]);
  });
});
