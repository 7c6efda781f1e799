import { msg, type MessageKey, type Params } from "./i18n";

/** The HTTP answers a refusal may have: 400/422 for input, 403, 404 (not there or not yours), 409 (the state forbids it). */
export type DomainStatus = 400 | 403 | 404 | 409 | 422;

export type DomainErrorOptions = {
  /** Fill the message's placeholders. */
  params?: Params;
  /** The form field the message belongs to; none: the whole form. */
  field?: string;
  /** 400 unless said otherwise. */
  status?: DomainStatus;
};

/**
 * A business rule refused the request. `key` is a message key, `message` what a page
 * translates (`msg(key, params)`). Services and rule files throw it; routes answer it with
 * the adapter in `domain-error.server.ts`, the API in `app/server/api/errors.ts`.
 */
export class DomainError extends Error {
  readonly key: string;
  readonly params?: Params;
  readonly field?: string;
  readonly status: DomainStatus;

  constructor(key: string, options: DomainErrorOptions = {}) {
    super(options.params ? msg(key as MessageKey, options.params) : key);
    this.name = "DomainError";
    this.key = key;
    this.params = options.params;
    this.field = options.field;
    this.status = options.status ?? 400;
  }

  /** The pay module's former name for `key`. */
  get messageKey() {
    return this.key;
  }
}

/** A refusal of what was typed in one form field (400). */
export function fieldError(field: string, key: string, params?: Params) {
  return new DomainError(key, { field, params });
}

/** A refusal that is not about one field (400 unless `status`). */
export function formError(key: string, status?: DomainStatus, params?: Params) {
  return new DomainError(key, { status, params });
}
