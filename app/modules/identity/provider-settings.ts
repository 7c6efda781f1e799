import { z } from "~/utils/validation";

/** The providers whose settings a sysadmin keeps on the sign-in and messages page. */
export const PROVIDERS = ["oidc", "wecom", "dingtalk", "smtp"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Employee fields a sign-in may be matched on. */
export const MATCH_FIELDS = ["email", "employeeNo", "externalId"] as const;

const id = (max: number) => z.string().trim().min(1).max(max);

/** What is stored in the clear (configJson); each secret is sealed separately. */
export const ProviderConfig = {
  oidc: z
    .object({
      issuer: z.string().trim().url().max(300),
      clientId: id(200),
      /** The ID-token or userinfo claim that names the employee, e.g. email or employee_number. */
      claim: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "errors.invalidFormat"),
      matchField: z.enum(MATCH_FIELDS),
      scopes: z
        .string()
        .trim()
        .regex(/^openid( [A-Za-z0-9_.:-]+)*$/, "identity.errors.scopes")
        .max(200),
      /** dept_head, hr_admin and sysadmin may sign in only through the identity provider. */
      requireForPrivileged: z.boolean(),
    })
    .strict(),
  wecom: z
    .object({
      corpId: id(64),
      agentId: z
        .string()
        .trim()
        .regex(/^\d{1,12}$/, "errors.invalidFormat"),
      signIn: z.boolean(),
      messages: z.boolean(),
    })
    .strict(),
  dingtalk: z
    .object({
      /** Client ID (AppKey) of the internal app. */
      appKey: id(64),
      agentId: z
        .string()
        .trim()
        .regex(/^\d{1,15}$/, "errors.invalidFormat"),
      signIn: z.boolean(),
      messages: z.boolean(),
    })
    .strict(),
  smtp: z
    .object({
      host: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9.-]{1,253}$/, "errors.invalidFormat"),
      port: z.coerce.number().int().min(1).max(65535),
      /** tls: implicit TLS (465); starttls: upgrade required; none: plain (a relay on a private network). */
      security: z.enum(["tls", "starttls", "none"]),
      user: z.string().trim().max(200),
      from: z.string().trim().email().max(200),
    })
    .strict(),
} as const;

export type ProviderConfigs = { [P in Provider]: z.infer<(typeof ProviderConfig)[P]> };
