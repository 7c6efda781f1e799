import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { isProxyEntry } from "../server/client-address";

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^file:/, "DATABASE_URL must be a file: path to the SQLite database")
    .default("file:./data/app.db"),
  /** Secret for HMAC-keyed values (throttle keys, anonymous follow-up throttling). Generated on first start when absent. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Set when the app is served over HTTPS: the cookie becomes `__Host-` prefixed and Secure. */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  /** Public origin of the app, e.g. https://hr.example.com; used for invitation links and the Origin check. */
  APP_ORIGIN: z.string().url().optional(),
  LOG_LEVEL: z.enum(["silent", "info", "debug"]).default("info"),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  /** A role granted through an approved request less than this many days ago cannot review or approve pay. */
  RECENT_ROLE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated IP addresses or CIDR
   * ranges (IPv4 or IPv6). Empty: the socket's address is the client's.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const entries = value.split(",").map((v) => v.trim()).filter(Boolean);
      for (const entry of entries) {
        if (!isProxyEntry(entry)) ctx.addIssue({ code: "custom", message: `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range` });
      }
      return entries;
    }),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; SECURE_COOKIES: boolean; databasePath: string };

let cached: Env | undefined;

export function databasePathFromUrl(url: string) {
  return path.resolve(url.replace(/^file:/, ""));
}

/** Reads and validates the environment once; exits with a clear message on a bad value. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const databasePath = databasePathFromUrl(env.DATABASE_URL);
  cached = {
    ...env,
    databasePath,
    SESSION_SECRET: env.SESSION_SECRET ?? persistedSecret(path.dirname(databasePath)),
    SECURE_COOKIES: env.SECURE_COOKIES ?? (env.NODE_ENV === "production" && !!env.APP_ORIGIN?.startsWith("https:")),
  };
  return cached;
}

/** A random secret kept next to the database (mode 0600), created on first start. */
function persistedSecret(dir: string) {
  const file = path.join(dir, ".secret");
  fs.mkdirSync(dir, { recursive: true });
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: fall through and create it
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "w" });
  return secret;
}

/** Only these values may reach the browser. */
export function publicEnv() {
  return { NODE_ENV: getEnv().NODE_ENV };
}
