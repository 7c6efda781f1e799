/**
 * The request log records the route a request matched (`/pay/payslips/:runId/:employeeId`),
 * never the path it asked for: ids, codes and tokens in paths stay out of the log, and nothing
 * a client sends can reach a log line.
 */
type Pattern = { text: string; segments: string[]; score: number };

type RemixRoute = { path?: string; parentId?: string; index?: boolean };

/** The full path patterns of a Remix build's routes (parents' paths joined). */
export function remixPatterns(routes: Record<string, RemixRoute | undefined>) {
  const full = (id: string): string => {
    const route = routes[id];
    if (!route) return "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(routes).map((id) => `/${full(id)}`.replace(/\/+/g, "/"));
}

export function compilePatterns(patterns: string[]): Pattern[] {
  const unique = [...new Set(patterns.map((p) => (p.length > 1 ? p.replace(/\/$/, "") : p)))];
  return unique
    .map((text) => {
      const segments = text.split("/").filter(Boolean);
      // More literal segments win, then longer patterns, then fewer wildcards.
      const score = segments.reduce((s, seg) => s + (seg === "*" ? 0 : seg.startsWith(":") ? 10 : 1000), 0);
      return { text, segments, score };
    })
    .sort((a, b) => b.score - a.score);
}

function matches(pattern: Pattern, segments: string[]) {
  for (let i = 0; i < pattern.segments.length; i++) {
    const p = pattern.segments[i];
    if (p === "*") return true;
    const s = segments[i];
    if (s === undefined) return false;
    if (p.startsWith(":")) continue;
    if (p.toLowerCase() !== s.toLowerCase()) return false;
  }
  return pattern.segments.length === segments.length;
}

/** The pattern a path matches, or "(unmatched)". */
export function routePatternOf(patterns: Pattern[], path: string) {
  let segments: string[];
  try {
    segments = path
      .split("/")
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  } catch {
    return "(unmatched)";
  }
  return patterns.find((p) => matches(p, segments))?.text ?? "(unmatched)";
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The method as logged: one of the known ones, else OTHER. */
export function logMethod(method: string) {
  return METHODS.has(method) ? method : "OTHER";
}
