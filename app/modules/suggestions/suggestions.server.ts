import type { Db } from "~/utils/db.server";
import { hashFollowUpCode, normalizeFollowUpCode } from "./follow-up-code";
import { coarsePeriod, type SuggestionStatus } from "./rules";
import type { SuggestionInput } from "./schemas";
import { fieldError } from "~/utils/domain-error";
import { paginate, pageWindow } from "~/utils/pagination";

export const PAGE_SIZE = 20;

/**
 * Files a named suggestion. Anonymous ones never come this way: they are posted without the
 * session, paid for by a blind-signed token (`fileAnonymousSuggestion` in tokens.server.ts).
 */
export async function submitSuggestion(db: Db, submitter: { employeeId: string }, input: SuggestionInput, now = new Date()) {
  if (input.identity !== "named") throw fieldError("identity", "suggestions.errors.anonymousNeedsScript");
  const unit = await db.unit.findFirst({ where: { id: input.unitId, active: true }, select: { id: true } });
  if (!unit) throw fieldError("unitId", "errors.unknownUnit");
  const id = crypto.randomUUID();
  const base = { id, title: input.title, body: input.body, category: input.category, unitId: unit.id, period: coarsePeriod(now) };
  await db.suggestion.create({
    data: { ...base, anonymous: false, author: { create: { employeeId: submitter.employeeId, submittedAt: now } } },
  });
  return { id };
}

export async function listMySuggestions(db: Db, employeeId: string, page = 1) {
  const where = { author: { employeeId } };
  const [total, rows] = await Promise.all([
    db.suggestion.count({ where }),
    db.suggestion.findMany({
      where,
      orderBy: { author: { submittedAt: "desc" } },
      ...pageWindow(page, PAGE_SIZE),
      select: {
        id: true,
        title: true,
        category: true,
        status: true,
        hiddenReason: true,
        mergedInto: { select: { status: true } },
        author: { select: { submittedAt: true } },
        unit: { select: { nameZh: true, nameEn: true } },
        _count: { select: { replies: { where: { author: "handler" } } } },
      },
    }),
  ]);
  return {
    rows: rows.map(({ mergedInto, author, _count, ...r }) => ({
      ...r,
      status: (mergedInto?.status ?? r.status) as SuggestionStatus,
      merged: Boolean(mergedInto),
      submittedAt: author!.submittedAt.toISOString(),
      replies: _count.replies,
    })),
    total,
    page,
    pageCount: paginate({ page, pageSize: PAGE_SIZE, total }).pageCount,
  };
}

const submitterSelect = {
  id: true,
  title: true,
  body: true,
  category: true,
  anonymous: true,
  period: true,
  status: true,
  declineReason: true,
  hiddenReason: true,
  unit: { select: { nameZh: true, nameEn: true } },
  mergedInto: { select: { status: true, declineReason: true } },
  reward: { select: { amountFen: true, points: true, note: true } },
  author: { select: { submittedAt: true } },
  replies: {
    orderBy: { seq: "asc" },
    select: {
      id: true,
      seq: true,
      author: true,
      body: true,
      signatureRole: true,
      signatureUnitZh: true,
      signatureUnitEn: true,
      signatureName: true,
      sentAt: true,
      hiddenReason: true,
    },
  },
} as const;

type SubmitterRow = NonNullable<Awaited<ReturnType<typeof loadForSubmitter>>>;

function loadForSubmitter(db: Db, where: { id: string; author: { employeeId: string } } | { followUpHash: string }) {
  return db.suggestion.findFirst({ where, select: submitterSelect });
}

/** What the submitter may see: no internal notes, no owner, no handler identity beyond the signature they chose. */
function submitterView(row: SubmitterRow) {
  const merged = Boolean(row.mergedInto);
  return {
    title: row.title,
    body: row.body,
    category: row.category,
    anonymous: row.anonymous,
    period: row.period,
    submittedAt: row.author?.submittedAt.toISOString() ?? null,
    unit: row.unit,
    status: (row.mergedInto?.status ?? row.status) as SuggestionStatus,
    declineReason: row.mergedInto?.declineReason ?? row.declineReason,
    merged,
    hiddenReason: row.hiddenReason,
    reward: row.anonymous ? null : row.reward,
    canReply: !row.hiddenReason,
    thread: row.replies.map((r) => ({
      id: r.id,
      seq: r.seq,
      author: r.author as "submitter" | "handler",
      body: r.hiddenReason ? null : r.body,
      hiddenReason: r.hiddenReason,
      signature:
        r.author === "handler"
          ? { role: r.signatureRole ?? "", unitZh: r.signatureUnitZh ?? "", unitEn: r.signatureUnitEn ?? "", name: r.signatureName }
          : null,
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}
export type SubmitterView = ReturnType<typeof submitterView>;

/** The employee's own named suggestion, or null (someone else's, anonymous, or none). */
export async function getMySuggestion(db: Db, employeeId: string, id: string) {
  const row = await loadForSubmitter(db, { id, author: { employeeId } });
  return row ? { id: row.id, view: submitterView(row) } : null;
}

/** The anonymous suggestion the code opens, or null; an ill-formed code and an unknown one look the same. */
export async function findByFollowUpCode(db: Db, code: string) {
  const canonical = normalizeFollowUpCode(code);
  const row = await loadForSubmitter(db, { followUpHash: await hashFollowUpCode(canonical ?? `invalid:${code}`) });
  return row ? { id: row.id, view: submitterView(row) } : null;
}

/** Appends a submitter message: no identity and no time, only its place in the thread. */
export async function addSubmitterReply(db: Db, suggestionId: string, body: string) {
  const suggestion = await db.suggestion.findUnique({ where: { id: suggestionId }, select: { hiddenReason: true } });
  if (!suggestion || suggestion.hiddenReason) throw fieldError("body", "suggestions.errors.closedForReplies");
  await appendReply(db, suggestionId, { author: "submitter", body });
}

type ReplyData = {
  author: "submitter" | "handler";
  body: string;
  handlerUserId?: string;
  signatureRole?: string;
  signatureUnitZh?: string;
  signatureUnitEn?: string;
  signatureName?: string | null;
  sentAt?: Date;
};

/** Inserts at the next place in the thread; a concurrent insert at the same place retries. */
export async function appendReply(db: Pick<Db, "suggestionReply">, suggestionId: string, data: ReplyData) {
  for (let attempt = 0; ; attempt++) {
    const last = await db.suggestionReply.aggregate({ where: { suggestionId }, _max: { seq: true } });
    try {
      return await db.suggestionReply.create({ data: { id: crypto.randomUUID(), suggestionId, seq: (last._max.seq ?? 0) + 1, ...data } });
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !/Unique constraint/i.test(error.message)) throw error;
    }
  }
}
