/** A rule the request breaks: answered 400 with the message key on `field`. */
export class CareerRuleError extends Error {
  constructor(
    public readonly field: string,
    public readonly key: string,
  ) {
    super(key);
  }
}
