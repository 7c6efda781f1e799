export type Quota = { unitId: string; unitPath: string; posts: number };

export type QuotaUse = Quota & { used: number; remaining: number };

/** Every quota whose unit contains the employee's unit, with the promotions already approved under it. */
export function quotasFor(quotas: Quota[], approvedUnitPaths: string[], unitPath: string): QuotaUse[] {
  return quotas
    .filter((q) => unitPath.startsWith(q.unitPath))
    .map((q) => {
      const used = approvedUnitPaths.filter((p) => p.startsWith(q.unitPath)).length;
      return { ...q, used, remaining: Math.max(0, q.posts - used) };
    });
}

/**
 * The quota that one more approval in `unitPath` would exceed, or null when there is room
 * under every quota that applies (nested quotas, e.g. department and room, all hold).
 */
export function quotaExceeded(quotas: Quota[], approvedUnitPaths: string[], unitPath: string): QuotaUse | null {
  return quotasFor(quotas, approvedUnitPaths, unitPath).find((q) => q.remaining < 1) ?? null;
}
