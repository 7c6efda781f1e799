import type { ValidSession } from "~/modules/auth/session.server";
import type { Locale } from "~/utils/i18n";

/** What the Hono server hands to every Remix loader and action. */
export type RequestContext = {
  session: ValidSession | null;
  locale: Locale;
  nonce: string;
  /** Client address, for sign-in throttling only; never logged or stored in the clear. */
  clientAddress: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
