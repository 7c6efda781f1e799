import { db } from "~/utils/db.server";
import { startNotificationWorker } from "~/modules/notifications/worker.server";
import { startFeedScheduler } from "./kpi-feeds.server";

/** Background work of this process: outbox delivery and scheduled KPI feed pulls. */
export function startIntegrationWorkers() {
  const stops = [startNotificationWorker(), startFeedScheduler(db)];
  return () => stops.forEach((stop) => stop());
}
