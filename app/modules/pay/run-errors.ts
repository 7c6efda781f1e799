/** A pay step refused, with the message key that says why (shown on the page, 400). */
export class PayRunError extends Error {
  constructor(public messageKey: string) {
    super(messageKey);
  }
}
