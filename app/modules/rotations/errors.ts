/** A rotation rule the request breaks: answered 400 with the message key on `field`. */
export class RotationRuleError extends Error {
  constructor(
    public readonly field: string,
    public readonly key: string,
  ) {
    super(key);
  }
}
