import type { ServerBuild } from "@remix-run/node";

export type RouteInfo = { id: string; path: string; index: boolean; hasLoader: boolean; hasAction: boolean; params: string[] };

/** Every page route of the Remix build with its full path. */
export function routesOf(build: ServerBuild): RouteInfo[] {
  const routes = build.routes;
  const fullPath = (id: string): string => {
    const route = routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    const own = route.path ?? "";
    return [parent, own].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  return Object.values(routes)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const path = `/${fullPath(r.id)}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
      return {
        id: r.id,
        path,
        index: Boolean(r.index),
        hasLoader: typeof r.module.loader === "function",
        hasAction: typeof r.module.action === "function",
        params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]),
      };
    });
}

/** Fills route params with values that match no record. */
export function withMissingParams(path: string) {
  return path.replace(/:(\w+)/g, "zzzznotfound0000000000000").replace(/\/\*$/, "/zzz");
}

/** The URL an action is posted to (an index route's action needs `?index`). */
export function actionUrl(route: RouteInfo) {
  return withMissingParams(route.path) + (route.index ? "?index" : "");
}

/** Pages anyone may open without signing in. */
export const PUBLIC_PATHS = [
  /^\/login$/,
  /^\/invite\/[^/]+$/,
  /^\/logout$/,
  /^\/suggestions\/follow-up/,
  /^\/forgot-password$/,
  /^\/auth\/[^/]+(\/callback)?$/,
];
