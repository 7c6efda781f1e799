import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { msg } from "~/utils/i18n";
import { FeedMappingSchema, mapFeedRows, type FeedMapping } from "./feed-mapping";
import { importActualsForPeriod } from "./kpi-actuals.server";
import { fetchJson, OutboundError } from "./outbound-fetch.server";
import { openSecret, sealSecret } from "./secrets.server";

export const FEED_TIMEOUT_MS = 15_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
/** History rows kept per feed. */
const HISTORY_KEPT = 200;

export type FeedInput = {
  name: string;
  url: string;
  authHeaderName?: string;
  /** undefined keeps the stored secret; null removes it. */
  authSecret?: string | null;
  periodId: string;
  intervalMinutes: number;
  enabled: boolean;
  mapping: FeedMapping;
};

export async function saveFeed(db: Db, actorId: string, input: FeedInput, id?: string) {
  const data = {
    name: input.name,
    url: input.url,
    authHeaderName: input.authHeaderName ?? null,
    ...(input.authSecret === undefined ? {} : { authSecretSealed: input.authSecret === null ? null : sealSecret(input.authSecret) }),
    periodId: input.periodId,
    intervalMinutes: input.intervalMinutes,
    enabled: input.enabled,
    mappingJson: JSON.stringify(input.mapping),
  };
  return db.$transaction(async (tx) => {
    const feed = id
      ? await tx.kpiFeed.update({ where: { id }, data, select: { id: true } })
      : await tx.kpiFeed.create({ data: { ...data, createdById: actorId }, select: { id: true } });
    const { authSecretSealed: _secret, ...logged } = data as typeof data & { authSecretSealed?: string | null };
    await audit(tx, {
      actorId,
      action: id ? "kpiFeed.update" : "kpiFeed.create",
      entity: "KpiFeed",
      entityId: feed.id,
      after: { ...logged, secretChanged: input.authSecret !== undefined },
    });
    return feed;
  });
}

export async function deleteFeed(db: Db, actorId: string, id: string) {
  await db.$transaction(async (tx) => {
    await tx.kpiFeed.delete({ where: { id } });
    await audit(tx, { actorId, action: "kpiFeed.delete", entity: "KpiFeed", entityId: id });
  });
}

export type PullError = { row?: number; field?: string; message: string };
const running = new Set<string>();

/**
 * Pulls one feed now and imports its rows through the KPI import (all or nothing). Every pull
 * leaves a history row, whatever happened.
 */
export async function pullFeed(db: Db, feedId: string, trigger: "schedule" | "manual", options: { timeoutMs?: number; now?: Date } = {}) {
  const feed = await db.kpiFeed.findUnique({ where: { id: feedId } });
  if (!feed) return null;
  if (running.has(feedId)) return null;
  running.add(feedId);
  const now = options.now ?? new Date();
  const pull = await db.kpiFeedPull.create({ data: { feedId, trigger, startedAt: now }, select: { id: true } });
  let result: { status: "imported" | "rejected" | "failed"; rowsReceived: number; rowsImported: number; errors: PullError[] };
  try {
    const headers = feed.authHeaderName && feed.authSecretSealed ? { [feed.authHeaderName]: openSecret(feed.authSecretSealed) } : undefined;
    const document = await fetchJson(feed.url, { headers, timeoutMs: options.timeoutMs ?? FEED_TIMEOUT_MS, maxBytes: FEED_MAX_BYTES });
    const rows = mapFeedRows(document, FeedMappingSchema.parse(JSON.parse(feed.mappingJson)));
    if (!rows) result = { status: "failed", rowsReceived: 0, rowsImported: 0, errors: [{ message: "feeds.error.noRows" }] };
    else {
      const outcome = await importActualsForPeriod(db, feed.createdById, feed.periodId, rows);
      if (outcome.ok) result = { status: "imported", rowsReceived: rows.length, rowsImported: outcome.changed, errors: [] };
      else if ("errors" in outcome)
        result = { status: "rejected", rowsReceived: rows.length, rowsImported: 0, errors: outcome.errors.slice(0, 100) };
      else
        result = {
          status: "rejected",
          rowsReceived: rows.length,
          rowsImported: 0,
          errors: [{ message: outcome.reason === "no_period" ? "kpi.errors.noPeriod" : "kpi.errors.periodClosed" }],
        };
    }
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    result = {
      status: "failed",
      rowsReceived: 0,
      rowsImported: 0,
      errors: [
        { message: error.status && error.key === "feeds.error.http" ? msg("feeds.error.http", { status: error.status }) : error.key },
      ],
    };
  } finally {
    running.delete(feedId);
  }
  await db.$transaction([
    db.kpiFeedPull.update({
      where: { id: pull.id },
      data: {
        status: result.status,
        finishedAt: new Date(),
        rowsReceived: result.rowsReceived,
        rowsImported: result.rowsImported,
        errorsJson: result.errors.length ? JSON.stringify(result.errors) : null,
      },
    }),
    db.kpiFeed.update({ where: { id: feedId }, data: { lastPullAt: now } }),
  ]);
  const old = await db.kpiFeedPull.findMany({
    where: { feedId },
    orderBy: { startedAt: "desc" },
    skip: HISTORY_KEPT,
    select: { id: true },
  });
  if (old.length) await db.kpiFeedPull.deleteMany({ where: { id: { in: old.map((p) => p.id) } } });
  return { pullId: pull.id, ...result };
}

/** Feeds whose interval has passed since their last pull (background work: the job `kpiFeeds.pull`). */
export async function pullDueFeeds(db: Db, now = new Date()) {
  const feeds = await db.kpiFeed.findMany({ where: { enabled: true }, select: { id: true, intervalMinutes: true, lastPullAt: true } });
  const due = feeds.filter((f) => !f.lastPullAt || now.getTime() - f.lastPullAt.getTime() >= f.intervalMinutes * 60_000);
  for (const feed of due) await pullFeed(db, feed.id, "schedule", { now });
  return due.length;
}
