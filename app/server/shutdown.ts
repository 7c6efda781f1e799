import type { Server } from "node:http";
import { stopScheduler } from "./jobs/scheduler.server";

/** SIGTERM/SIGINT end the process within this time, whatever connections are still open. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * Stops accepting connections, closes idle keep-alive ones at once, lets requests in flight
 * finish, and after the deadline closes whatever is left (a keep-alive client, a half-sent
 * request) and exits: a deploy or restart never hangs on a client. The job scheduler stops at
 * once; a job under way is waited for (within the same deadline) so that it gives back its lease
 * and a transaction is never cut off half-way by the exit.
 */
export function exitOnSignals(server: Server, deadlineMs = SHUTDOWN_DEADLINE_MS) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const jobsStopped = stopScheduler(deadlineMs);
    server.close(() => void jobsStopped.finally(() => process.exit(0)));
    server.closeIdleConnections();
    // Connections that finish a request after close() may stay open for keep-alive: keep closing them.
    setInterval(() => server.closeIdleConnections(), 250).unref();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, deadlineMs).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
}
