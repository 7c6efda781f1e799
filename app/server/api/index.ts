import { Hono } from "hono";

/** The versioned JSON API; endpoint groups are mounted here. */
export function apiRoutes() {
  const api = new Hono();
  api.notFound((c) => c.json({ error: { code: "not_found", message: "No such endpoint" } }, 404));
  return api;
}
