import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { parseCodeList } from "~/modules/careers/criteria";
import { fieldError } from "~/utils/domain-error";

export function listProgrammes(db: Db) {
  return db.rotationProgramme.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      minMonthsInPost: true,
      tracksJson: true,
      createdAt: true,
      _count: { select: { openings: true } },
    },
  });
}

export async function createProgramme(
  db: Db,
  actorId: string,
  input: { name: string; description: string; minMonthsInPost: number; tracks: string[] },
) {
  return db.$transaction(async (tx) => {
    const saved = await tx.rotationProgramme.create({
      data: {
        name: input.name,
        description: input.description,
        minMonthsInPost: input.minMonthsInPost,
        tracksJson: JSON.stringify(input.tracks),
        createdById: actorId,
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "rotation.programme.create", entity: "RotationProgramme", entityId: saved.id, after: input });
    return saved;
  });
}

export async function getProgramme(db: Db, id: string) {
  const programme = await db.rotationProgramme.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      status: true,
      minMonthsInPost: true,
      tracksJson: true,
      openings: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          title: true,
          description: true,
          type: true,
          capacity: true,
          months: true,
          status: true,
          hostUnit: { select: { id: true, nameZh: true, nameEn: true, path: true } },
          _count: { select: { assignments: { where: { status: { in: ["planned", "active"] } } } } },
        },
      },
    },
  });
  return programme ? { ...programme, tracks: parseCodeList(programme.tracksJson) } : null;
}

export async function createOpening(
  db: Db,
  actorId: string,
  programmeId: string,
  input: { hostUnitId: string; title: string; description: string; type: string; capacity: number; months: number },
) {
  const unit = await db.unit.findFirst({ where: { id: input.hostUnitId, active: true }, select: { id: true } });
  if (!unit) throw fieldError("hostUnitId", "errors.unknownUnit");
  return db.$transaction(async (tx) => {
    const saved = await tx.rotationOpening.create({ data: { programmeId, ...input }, select: { id: true } });
    await audit(tx, { actorId, action: "rotation.opening.create", entity: "RotationOpening", entityId: saved.id, after: input });
    return saved;
  });
}

export async function setProgrammeStatus(db: Db, actorId: string, id: string, status: "open" | "closed") {
  await db.$transaction(async (tx) => {
    await tx.rotationProgramme.update({ where: { id }, data: { status } });
    await audit(tx, { actorId, action: `rotation.programme.${status}`, entity: "RotationProgramme", entityId: id });
  });
}
