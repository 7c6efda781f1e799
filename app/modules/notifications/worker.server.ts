import { db } from "~/utils/db.server";
import { deliverDueNotifications } from "./delivery.server";

/** Delivers the outbox every `intervalMs` in this process; one run at a time. */
export function startNotificationWorker(intervalMs = 30_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Drain while whole batches go through, so a backlog does not wait a tick per 50 messages.
      for (let round = 0; round < 20; round++) {
        const report = await deliverDueNotifications(db);
        if (report.delivered < 50) break;
      }
    } catch (error) {
      console.error("notification delivery failed", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
