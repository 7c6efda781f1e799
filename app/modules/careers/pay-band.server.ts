import type { Db } from "~/utils/db.server";

export type PayBand = { basePayFen: number; performanceBaseFen: number } | null;

/** The pay capability's monthly band for a track and level (薪酬带宽), if it has one. */
export async function payBandFor(db: Db, track: string, level: string): Promise<PayBand> {
  return db.payBand.findUnique({ where: { track_level: { track, level } }, select: { basePayFen: true, performanceBaseFen: true } });
}
