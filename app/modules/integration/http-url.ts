import { z } from "~/utils/validation";

/** An outbound endpoint: http(s) only, no credentials in the URL (they would end up in logs). */
export const httpUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "integration.errors.httpUrl");
