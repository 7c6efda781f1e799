import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { isRole } from "~/modules/auth/roles";
import type { Actor } from "~/modules/auth/scope";
import { effectiveScopes, type ApiScope } from "./scopes";
import { paginate, pageWindow } from "~/utils/pagination";

const TOKEN_PATTERN = /^ge_([a-z2-7]{24})\.([a-z2-7]{32})$/;
/** lastUsedAt is written at most this often, so a busy token does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

function random(bytes: number) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

function hashSecret(secret: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export type NewApiToken = { name: string; scopes: ApiScope[]; expiresAt: Date; rateLimitPerMinute?: number };

/** Creates a token and returns it in full; this is the only time the secret exists outside a hash. */
export async function createApiToken(db: Db, actorId: string, input: NewApiToken) {
  const id = random(15);
  const secret = random(20);
  const token = `ge_${id}.${secret}`;
  await db.$transaction(async (tx) => {
    await tx.apiToken.create({
      data: {
        id,
        name: input.name,
        prefix: `ge_${id.slice(0, 8)}`,
        secretHash: hashSecret(secret),
        scopesJson: JSON.stringify(input.scopes),
        rateLimitPerMinute: input.rateLimitPerMinute ?? 120,
        createdById: actorId,
        expiresAt: input.expiresAt,
      },
    });
    await audit(tx, {
      actorId,
      action: "apiToken.create",
      entity: "ApiToken",
      entityId: id,
      after: { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt },
    });
  });
  return { id, token };
}

export async function listApiTokens(db: Db, options: { page: number; pageSize: number }) {
  const [total, rows] = await Promise.all([
    db.apiToken.count(),
    db.apiToken.findMany({
      orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
      ...pageWindow(options.page, options.pageSize),
      select: {
        id: true,
        name: true,
        prefix: true,
        scopesJson: true,
        createdAt: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        createdBy: { select: { email: true, employee: { select: { name: true } } } },
      },
    }),
  ]);
  return {
    total,
    pageCount: paginate({ page: options.page, pageSize: options.pageSize, total }).pageCount,
    tokens: rows.map(({ scopesJson, createdBy, ...t }) => ({
      ...t,
      scopes: JSON.parse(scopesJson) as string[],
      createdBy: createdBy.employee?.name ?? createdBy.email,
    })),
  };
}

/** Revokes a token at once; returns false when there is no such token or it was already revoked. */
export async function revokeApiToken(db: Db, actorId: string, id: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count) await audit(tx, { actorId, action: "apiToken.revoke", entity: "ApiToken", entityId: id });
    return count > 0;
  });
}

/** Who calls: the token, and its creator as the actor whose scope bounds every query. */
export type ApiCaller = { tokenId: string; actorId: string; actor: Actor; scopes: ApiScope[]; rateLimitPerMinute: number };

/**
 * The caller behind a bearer token, or null when the token is malformed, unknown, expired,
 * revoked, or its creator's account is disabled.
 */
export async function authenticateApiToken(db: Db, token: string, now = new Date()): Promise<ApiCaller | null> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, id, secret] = match;
  const row = await db.apiToken.findUnique({
    where: { id },
    select: {
      secretHash: true,
      scopesJson: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      rateLimitPerMinute: true,
      createdBy: { select: { id: true, role: true, disabled: true, employeeId: true, scopeUnit: { select: { path: true } } } },
    },
  });
  if (!row) return null;
  const given = new TextEncoder().encode(hashSecret(secret));
  const expected = new TextEncoder().encode(row.secretHash);
  if (!constantTimeEqual(given, expected)) return null;
  if (row.revokedAt || row.expiresAt <= now || row.createdBy.disabled || !isRole(row.createdBy.role)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: now } });
  }
  const actor: Actor = {
    userId: row.createdBy.id,
    role: row.createdBy.role,
    employeeId: row.createdBy.employeeId,
    scopePath: row.createdBy.scopeUnit?.path ?? null,
  };
  return {
    tokenId: id,
    actorId: row.createdBy.id,
    actor,
    scopes: effectiveScopes(JSON.parse(row.scopesJson), row.createdBy.role),
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}
