import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { may, type Actor } from "~/modules/auth/scope";
import { formError } from "~/utils/domain-error";
import { z } from "~/utils/validation";
import { headsWhoMaySign, signOffRefusal, signOffUnits, type Head, type LineGroup, type Signer, type SignOffUnit } from "./run-state";

/** The approval chain's settings; no row means the defaults (head sign-off on). */
export async function chainSetting(db: Db) {
  const row = await db.payChainSetting.findUnique({ where: { id: "default" }, select: { headSignOff: true } });
  return { headSignOff: row?.headSignOff ?? true };
}

/** HR turns the head sign-off step on or off for runs computed from now on (runs in flight keep theirs). */
export async function saveChainSetting(db: Db, actor: Actor, input: { headSignOff: boolean }) {
  if (!may(actor, "pay.manage")) throw formError("errors.page.forbidden.body", 403);
  const before = await chainSetting(db);
  await db.$transaction(async (tx) => {
    await tx.payChainSetting.upsert({
      where: { id: "default" },
      create: { id: "default", headSignOff: input.headSignOff, updatedById: actor.userId },
      update: { headSignOff: input.headSignOff, updatedById: actor.userId },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.chain.save",
      entity: "PayChainSetting",
      entityId: "default",
      before,
      after: input,
    });
  });
}

/** Active heads with a scope: the people who sign off units. */
export async function activeHeads(db: Db): Promise<Head[]> {
  const rows = await db.user.findMany({
    where: { role: "dept_head", disabled: false, scopeUnitId: { not: null } },
    select: { id: true, employeeId: true, scopeUnit: { select: { path: true } } },
  });
  return rows.flatMap((r) => (r.scopeUnit ? [{ userId: r.id, scopePath: r.scopeUnit.path, employeeId: r.employeeId }] : []));
}

export type SignOffRow = SignOffUnit & {
  nameZh: string;
  nameEn: string;
  signedById: string | null;
  signedBy: string | null;
  signedAt: Date | null;
};

/**
 * Which units of a run sign off and where each stands. Lines are read grouped by unit; whose lines
 * they are is read only for the heads and `alsoEmployeeId` (the person acting), which is all the
 * rules ask about.
 */
export async function signOffState(db: Db, runId: string, alsoEmployeeId?: string | null) {
  const [heads, run] = await Promise.all([
    activeHeads(db),
    db.payRun.findUnique({ where: { id: runId }, select: { signOffPathsJson: true } }),
  ]);
  const groups = await db.payLine.groupBy({ by: ["unitId"], where: { runId }, _count: { _all: true }, _sum: { totalFen: true } });
  const watched = [...new Set([...heads.map((h) => h.employeeId), alsoEmployeeId].filter((x): x is string => Boolean(x)))];
  const [lineUnits, own, signed] = await Promise.all([
    db.unit.findMany({ where: { id: { in: groups.map((g) => g.unitId) } }, select: { id: true, path: true } }),
    watched.length
      ? db.payLine.findMany({ where: { runId, employeeId: { in: watched } }, select: { employeeId: true, unitId: true } })
      : [],
    db.paySignOff.findMany({ where: { runId }, select: { unitId: true, signedById: true, signedAt: true } }),
  ]);
  const pathOf = new Map(lineUnits.map((u) => [u.id, u.path]));
  const lines: LineGroup[] = groups.map((g) => ({
    unitPath: pathOf.get(g.unitId) ?? "",
    employeeIds: own.filter((o) => o.unitId === g.unitId).map((o) => o.employeeId),
    lineCount: g._count._all,
    totalFen: g._sum.totalFen ?? 0,
  }));
  const units = signOffUnits(lines, signingPaths(run?.signOffPathsJson, heads));
  const [names, signers] = await Promise.all([
    db.unit.findMany({ where: { id: { in: units.map((u) => u.unitId) } }, select: { id: true, nameZh: true, nameEn: true } }),
    db.user.findMany({
      where: { id: { in: signed.map((s) => s.signedById) } },
      select: { id: true, email: true, employee: { select: { name: true } } },
    }),
  ]);
  const rows: SignOffRow[] = units.map((u) => {
    const name = names.find((n) => n.id === u.unitId);
    const s = signed.find((x) => x.unitId === u.unitId);
    const who = s ? signers.find((p) => p.id === s.signedById) : undefined;
    return {
      ...u,
      nameZh: name?.nameZh ?? "",
      nameEn: name?.nameEn ?? "",
      signedById: s?.signedById ?? null,
      signedBy: s ? (who?.employee?.name ?? who?.email ?? "—") : null,
      signedAt: s?.signedAt ?? null,
    };
  });
  return {
    heads,
    units: rows,
    pending: rows.filter((r) => !r.signedById).length,
    signerIds: [...new Set(signed.map((s) => s.signedById))],
  };
}

/** The units that sign: as frozen when the run was reviewed, or (not yet reviewed) those with a head today. */
function signingPaths(frozenJson: string | null | undefined, heads: Head[]): string[] {
  if (frozenJson) {
    const parsed = z.array(z.string()).safeParse(JSON.parse(frozenJson));
    if (parsed.success) return parsed.data;
  }
  return heads.map((h) => h.scopePath);
}

/** The actor as a signer: a head by their scope, HR as the last resort, anyone else nobody. */
export function signerOf(actor: Actor): Signer | null {
  if (actor.role === "dept_head" && actor.scopePath)
    return { kind: "head", userId: actor.userId, employeeId: actor.employeeId, scopePath: actor.scopePath };
  if (may(actor, "pay.approve")) return { kind: "hr", userId: actor.userId, employeeId: actor.employeeId };
  return null;
}

type RunRow = { id: string; status: string; preparedById: string; reviewedById: string | null; headSignOff: boolean; periodCode: string };

async function loadForSignOff(db: Db, actor: Actor, runId: string, unitId: string) {
  if (!may(actor, "pay.view")) throw formError("errors.page.forbidden.body", 403);
  const run: RunRow | null = await db.payRun.findUnique({
    where: { id: runId },
    select: { id: true, status: true, preparedById: true, reviewedById: true, headSignOff: true, periodCode: true },
  });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  const state = await signOffState(db, runId, actor.employeeId);
  const unit = state.units.find((u) => u.unitId === unitId);
  const signer = signerOf(actor);
  // A unit that does not sign off this run, or one outside the actor's scope, is not said to exist.
  if (!unit || !signer || !may(actor, "pay.view", unit.path)) throw formError("pay.errors.unknownSignOffUnit", 404);
  const refused = signOffRefusal(run, unit, signer, state.heads);
  if (refused) {
    await audit(db, {
      actorId: actor.userId,
      action: "pay.run.refused",
      entity: "PayRun",
      entityId: runId,
      after: { step: "signOff", unitId, reason: refused },
    });
    throw formError(refused);
  }
  return { run, unit, units: state.units };
}

/** A head (or HR, when no head may) signs off one unit's lines of a reviewed run; recorded and audited. */
export async function signOffRunUnit(db: Db, actor: Actor, runId: string, unitId: string) {
  const { run, unit, units } = await loadForSignOff(db, actor, runId, unitId);
  const pendingUnitIds = units.map((u) => u.unitId);
  await db.$transaction(async (tx) => {
    // Still reviewed at the moment of writing: a send-back in between wins.
    const still = await tx.payRun.count({ where: { id: runId, status: "reviewed" } });
    if (still !== 1) throw formError("pay.errors.wrongState");
    const done = await tx.paySignOff.findUnique({ where: { runId_unitId: { runId, unitId } }, select: { id: true } });
    if (done) throw formError("pay.errors.alreadySignedOff");
    await tx.paySignOff.create({ data: { runId, unitId, signedById: actor.userId, signedAt: new Date() } });
    const signed = await tx.paySignOff.findMany({ where: { runId }, select: { unitId: true, signedById: true } });
    if (pendingUnitIds.every((id) => signed.some((s) => s.unitId === id)))
      await notifyApprovers(tx, run, [run.preparedById, run.reviewedById ?? "", ...signed.map((s) => s.signedById)]);
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.run.signOff",
      entity: "PayRun",
      entityId: runId,
      after: { unitId, lineCount: unit.lineCount, totalFen: unit.totalFen },
    });
  });
}

/** Whoever may sign off a unit may instead send the run back to draft with a reason; every sign-off is cleared. */
export async function returnRunFromSignOff(db: Db, actor: Actor, runId: string, unitId: string, reason: string) {
  await loadForSignOff(db, actor, runId, unitId);
  await db.$transaction(async (tx) => {
    const updated = await tx.payRun.updateMany({
      where: { id: runId, status: "reviewed" },
      data: {
        status: "draft",
        reviewedById: null,
        reviewedAt: null,
        approvedById: null,
        approvedAt: null,
        budgetExcessFen: null,
        budgetOverrideReason: null,
        sentBackById: actor.userId,
        sentBackReason: reason,
        signOffPathsJson: null,
      },
    });
    if (updated.count !== 1) throw formError("pay.errors.wrongState");
    await tx.paySignOff.deleteMany({ where: { runId } });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.run.sendBack",
      entity: "PayRun",
      entityId: runId,
      before: { status: "reviewed" },
      after: { status: "draft", unitId, reason },
    });
  });
}

/** The units of reviewed runs this actor may sign off now, for the home page and the run page. */
export function unitsForSigner(
  run: Omit<RunRow, "id" | "periodCode">,
  state: { heads: Head[]; units: SignOffRow[] },
  actor: Actor,
): string[] {
  const signer = signerOf(actor);
  if (!signer) return [];
  return state.units
    .filter((u) => !u.signedById && may(actor, "pay.view", u.path) && signOffRefusal(run, u, signer, state.heads) === null)
    .map((u) => u.unitId);
}

type Outbox = Parameters<typeof enqueueNotification>[0];
type Tx = Outbox & Pick<Db, "user">;

/** The employee records of the active HR people other than `notIds`: those who may still act on a run. */
async function otherHr(tx: Tx, notIds: string[]): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: "hr_admin", disabled: false, id: { notIn: notIds }, employeeId: { not: null } },
    select: { employeeId: true },
  });
  return rows.map((r) => r.employeeId!);
}

/** Tells the HR approvers (never the preparer, the reviewer or anyone who signed) that a run awaits approval. */
export async function notifyApprovers(tx: Tx, run: { id: string; periodCode: string }, notIds: string[]) {
  const approvers = await otherHr(tx, notIds);
  if (approvers.length)
    await enqueueNotification(tx, {
      type: "pay.approvalRequest",
      recipientIds: approvers,
      payload: { runId: run.id, periodCode: run.periodCode },
    });
}

/**
 * When a run reaches the sign-off step, each head who may sign one of its units is told; where
 * no head may sign a unit (their own line is in it), the HR people other than preparer and reviewer.
 */
export async function notifySigners(
  tx: Tx,
  run: { id: string; periodCode: string; preparedById: string; reviewedById: string },
  state: { heads: Head[]; units: SignOffUnit[] },
) {
  const notIds = [run.preparedById, run.reviewedById];
  const heads = new Set<string>();
  let hrSigns = false;
  for (const unit of state.units) {
    const may = headsWhoMaySign(unit, state.heads).filter((h) => !notIds.includes(h.userId) && h.employeeId);
    if (may.length === 0) hrSigns = true;
    for (const h of may) heads.add(h.employeeId!);
  }
  const hr = hrSigns ? await otherHr(tx, notIds) : [];
  const recipients = [...new Set([...heads, ...hr])];
  if (recipients.length)
    await enqueueNotification(tx, {
      type: "pay.signOffRequest",
      recipientIds: recipients,
      payload: { runId: run.id, periodCode: run.periodCode, link: `/pay/runs/${run.id}` },
    });
}
