import { z } from "@hono/zod-openapi";
import { paginate } from "~/utils/pagination";

export const MAX_PAGE_SIZE = 200;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ example: 50 }),
});

export function pageMetaSchema() {
  return z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), pageCount: z.number().int() });
}

export function pageMeta(page: number, pageSize: number, total: number) {
  return { page, pageSize, total, pageCount: paginate({ page, pageSize, total }).pageCount };
}
