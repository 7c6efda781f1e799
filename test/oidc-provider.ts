import type { AddressInfo } from "node:net";
import http, { type Server } from "node:http";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { clientId: "gehr-test", clientSecret: "gehr-test-secret-0123456789abcdef" };

/**
 * A real OpenID Connect provider (node-oidc-provider) on a loopback port, with its development
 * login form: any login name signs in as that account, whose claims are the login as `email`
 * and an `employee_number` given per login.
 */
export async function startOidcProvider(options: { redirectUris: string[]; employeeNumbers?: Record<string, string>; port?: number }) {
  const server: Server = await new Promise((resolve) => {
    const s = http.createServer();
    s.listen(options.port ?? 0, "127.0.0.1", () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email"], profile: ["employee_number"] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 600, Interaction: 600, Session: 600 },
    cookies: { keys: ["a-test-cookie-key-that-is-long-enough"] },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: id,
        ...(options.employeeNumbers?.[id] ? { employee_number: options.employeeNumbers[id] } : {}),
      }),
    }),
  });
  provider.proxy = false;
  server.on("request", provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
