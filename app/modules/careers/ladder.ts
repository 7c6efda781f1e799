import { LEVELS, TRACKS, type Track } from "~/modules/org/org";

export type LadderLevel = { code: string; track: string; rank: number; grade: number };

export function isTrack(value: string): value is Track {
  return (TRACKS as readonly string[]).includes(value);
}

/** The level above `code` on its track, or null at the top. */
export function nextLevelCode(track: string, code: string): string | null {
  if (!isTrack(track)) return null;
  const ladder = LEVELS[track];
  const i = ladder.indexOf(code);
  return i >= 0 && i < ladder.length - 1 ? ladder[i + 1] : null;
}

/**
 * Moves on the other tracks: the level of the same grade (a sideways move) and the
 * lowest level of a higher grade (the equivalent of a promotion).
 */
export function equivalentMoves<L extends LadderLevel>(levels: L[], code: string): { track: string; same: L[]; up: L | null }[] {
  const current = levels.find((l) => l.code === code);
  if (!current) return [];
  return TRACKS.filter((t) => t !== current.track).map((track) => {
    const onTrack = levels.filter((l) => l.track === track).sort((a, b) => a.rank - b.rank);
    return {
      track,
      same: onTrack.filter((l) => l.grade === current.grade),
      up: onTrack.find((l) => l.grade > current.grade) ?? null,
    };
  });
}

/** The equivalence matrix: one row per grade, one cell (possibly several levels) per track. */
export function equivalenceMatrix<L extends LadderLevel>(levels: L[]): { grade: number; cells: Record<Track, L[]> }[] {
  const grades = [...new Set(levels.map((l) => l.grade))].sort((a, b) => a - b);
  return grades.map((grade) => ({
    grade,
    cells: Object.fromEntries(
      TRACKS.map((t) => [t, levels.filter((l) => l.grade === grade && l.track === t).sort((a, b) => a.rank - b.rank)]),
    ) as Record<Track, L[]>,
  }));
}

/** Grades must not go down as one climbs a track (a higher level can't be "worth" less). */
export function gradeOrderProblem(levels: LadderLevel[]): string | null {
  for (const track of TRACKS) {
    const onTrack = levels.filter((l) => l.track === track).sort((a, b) => a.rank - b.rank);
    for (let i = 1; i < onTrack.length; i++) if (onTrack[i].grade < onTrack[i - 1].grade) return onTrack[i].code;
  }
  return null;
}
