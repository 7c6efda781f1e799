import type { HttpHandler } from "msw";

/** Default handlers for outbound services; tests add their own with server.use(). */
export const handlers: HttpHandler[] = [];
