import fs from "node:fs";
import os from "node:os";
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
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a file: path to the SQLite database or a postgres:// URL")
    .default("file:./data/app.db"),
  /**
   * The server secret: HMAC keys (sign-in throttle, device marks) and the key that seals stored
   * secrets (webhook secrets, the private halves of the anonymous-token signing keys).
   * From the environment, else from SECRET_FILE.
   */
  SESSION_SECRET: z.string().min(32).optional(),
  /**
   * Where the secret is kept when SESSION_SECRET is not set; created (mode 0600) on first start.
   * Never beside the database, so a copy of the data folder or a backup does not carry it.
   */
  SECRET_FILE: z.string().min(1).optional(),
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
  /** People who joined, moved into their unit or came back within this many days before a survey's launch do not count towards any reporting cell's minimum. */
  RECENT_MEMBERSHIP_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated IP addresses or CIDR
   * ranges (IPv4 or IPv6). Empty: the socket's address is the client's.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const entries = value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
      for (const entry of entries) {
        if (!isProxyEntry(entry))
          ctx.addIssue({ code: "custom", message: `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range` });
      }
      return entries;
    }),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; SECURE_COOKIES: boolean; databasePath: string };

let cached: Env | undefined;

/** The SQLite file; on PostgreSQL, a file in ./data that names the folder of what the app keeps beside the database. */
export function databasePathFromUrl(url: string) {
  if (/^postgres(ql)?:\/\//.test(url)) return path.resolve("data", "postgres");
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
    SESSION_SECRET: env.SESSION_SECRET ?? persistedSecret(secretFile(env), path.dirname(databasePath)),
    SECURE_COOKIES: env.SECURE_COOKIES ?? (env.NODE_ENV === "production" && !!env.APP_ORIGIN?.startsWith("https:")),
  };
  return cached;
}

/** The secret file: SECRET_FILE, else in the user's configuration folder, away from the database. */
export function secretFile(env: { SECRET_FILE?: string; NODE_ENV: string; APP_ORIGIN?: string }) {
  if (env.SECRET_FILE) return path.resolve(env.SECRET_FILE);
  // A public deployment must say where its secret is; a generated default is for a demo or development.
  if (env.NODE_ENV === "production" && env.APP_ORIGIN?.startsWith("https:")) {
    throw new Error("Invalid environment:\n  SESSION_SECRET or SECRET_FILE must be set when the app is served over HTTPS");
  }
  const configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(configHome, "gehr", "secret");
}

/**
 * A random secret kept in its own file (mode 0600), created on first start. A secret that an
 * earlier version kept beside the database is moved there once, and removed from the data folder.
 */
function persistedSecret(file: string, databaseDir: string) {
  const legacy = path.join(databaseDir, ".secret");
  const read = (f: string) => {
    try {
      const text = fs.readFileSync(f, "utf8").trim();
      return text.length >= 32 ? text : null;
    } catch {
      return null;
    }
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const existing = read(file);
  const moved = existing ? null : read(legacy);
  const secret = existing ?? moved ?? crypto.randomBytes(32).toString("base64url");
  if (!existing) fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "w" });
  if (fs.existsSync(legacy) && read(file) === secret) fs.rmSync(legacy, { force: true });
  return secret;
}

/** Only these values may reach the browser. */
export function publicEnv() {
  return { NODE_ENV: getEnv().NODE_ENV };
}
