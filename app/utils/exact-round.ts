/**
 * The one rounding rule for every figure a page shows: n / d computed exactly (integers, as
 * BigInt) and rounded once, half away from zero, to `places` decimals. 441.5 → 442 and
 * −660.5 → −661, where binary floating point would give 441.4999… → 441.
 */
export function divideRounded(n: number | bigint, d: number | bigint, places = 0): number {
  const N = toBig(n) * 10n ** BigInt(places);
  const D = toBig(d);
  if (D === 0n) throw new RangeError("divideRounded: division by zero");
  const negative = N < 0n !== D < 0n;
  const a = N < 0n ? -N : N;
  const b = D < 0n ? -D : D;
  const q = (2n * a + b) / (2n * b);
  const whole = negative ? -q : q;
  return places === 0 ? Number(whole) : Number(whole) / 10 ** places;
}

function toBig(v: number | bigint) {
  if (typeof v === "bigint") return v;
  if (!Number.isSafeInteger(v)) throw new RangeError(`divideRounded takes integers, got ${v}`);
  return BigInt(v);
}
