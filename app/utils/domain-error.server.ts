import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { DomainError } from "./domain-error";

type Answer = {
  /**
   * Answer every refusal with this status, a 404 or 403 one too (kept on the page instead of
   * the not-found or forbidden page). Without it the error's own status is used.
   */
  status?: number;
  headers?: HeadersInit;
};

/**
 * The refusal a route answers: a `DomainError` is returned; anything else is thrown on.
 * A 404 or 403 refusal becomes the route's not-found or forbidden page (as
 * `invariantResponse` throws it) unless the route answers every refusal with one `status`.
 */
export function domainError(error: unknown, options: { status?: number } = {}): DomainError {
  if (!(error instanceof DomainError)) throw error;
  if (options.status === undefined && (error.status === 404 || error.status === 403))
    throw new Response(error.status === 404 ? "Not found" : "Forbidden", { status: error.status });
  return error;
}

/** `data(body, init)` for a refusal, with the error's status unless `status` is given. */
export function refusal<T>(error: DomainError, body: T, options: Answer = {}) {
  return data(body, { status: options.status ?? error.status, headers: options.headers });
}

type Placement = {
  /** Put the message on the whole form even when the error names a field. */
  on?: "form";
  /** Put the message on this field instead of the error's. */
  field?: string;
};

type Submission = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]> };

/**
 * A Conform form refused by a rule, as `submission.reply()`: what was typed is kept and the
 * message goes on its field (on the whole form when the error names none).
 */
export function submissionReply(error: unknown, submission: Submission, options: Placement & { status?: number } = {}) {
  const refused = domainError(error, options);
  const field = options.on === "form" ? undefined : (options.field ?? refused.field);
  return { refused, reply: submission.reply(field ? { fieldErrors: { [field]: [refused.message] } } : { formErrors: [refused.message] }) };
}

/** `submissionReply` answered: `data(reply)`, or `data(wrap(reply))` where the route's action data holds it elsewhere. */
export function submissionRefusal<B = SubmissionResult<string[]>>(
  error: unknown,
  submission: Submission,
  options: Answer & Placement & { wrap?: (reply: SubmissionResult<string[]>) => B } = {},
) {
  const { refused, reply } = submissionReply(error, submission, options);
  return refusal(refused, options.wrap ? options.wrap(reply) : (reply as B), options);
}
