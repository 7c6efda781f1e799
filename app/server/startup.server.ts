import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { checkDatabaseSettings, db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { purgeExpiredSessions } from "~/modules/auth/session.server";
import { closeDueSurveys } from "~/modules/surveys/campaigns.server";
import { computeMissingResults } from "~/modules/surveys/report-aggregates.server";
import { loadTemplates } from "~/modules/surveys/templates.server";
import { startIntegrationWorkers } from "~/modules/integration/workers.server";
import { requestDueBehaviourAssessments } from "~/modules/training/behaviour.server";

/** Applies committed migrations with Prisma's CLI (Wasm engine, no download). */
export function migrateDatabase() {
  const env = getEnv();
  fs.mkdirSync(path.dirname(env.databasePath), { recursive: true });
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    stdio: env.LOG_LEVEL === "silent" ? "ignore" : ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
  });
}

/** Everything that must hold before the server accepts a request. */
export async function prepare(options: { seed?: () => Promise<unknown> } = {}) {
  migrateDatabase();
  const settings = await checkDatabaseSettings();
  loadTemplates();
  if (getEnv().SEED_DEMO === "true" && options.seed && (await db.unit.count()) === 0) await options.seed();
  await purgeExpiredSessions(db);
  setInterval(() => void purgeExpiredSessions(db).catch(() => undefined), 60 * 60 * 1000).unref();
  // Managers are asked for the behaviour assessment once it falls due (30–90 days after a course).
  const requestAssessments = () => void requestDueBehaviourAssessments(db).catch((error) => console.error("behaviour requests failed", error));
  requestAssessments();
  setInterval(requestAssessments, 60 * 60 * 1000).unref();
  // Surveys close when their time has passed, and closed ones get their aggregates, here and not
  // in a page read (a GET never writes).
  const surveyWork = () =>
    void closeDueSurveys(db)
      .then(() => computeMissingResults(db))
      .catch((error) => console.error("survey background work failed", error));
  surveyWork();
  setInterval(surveyWork, 60 * 1000).unref();
  startIntegrationWorkers();
  return settings;
}
