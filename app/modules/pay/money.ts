/**
 * Money in pay: the rounding rule.
 *
 * - Every amount is integer fen (分). Rates and coefficients are exact decimals (big.js),
 *   never binary floating point.
 * - Each payable line (base pay, performance pay, subscriber-growth bonus, pool size) is
 *   computed exactly and rounded ONCE, half up (0.5 fen → 1 fen; −0.5 fen → −1 fen, i.e.
 *   half away from zero), to the fen. Intermediate values are never rounded.
 * - A pool is split by the largest-remainder method, so the shares sum exactly to the pool.
 */
import Big from "big.js";
import { formatYuan } from "~/utils/format";

export type Decimal = Big;
export { Big };

/** Exact decimal from a decimal string or an integer/finite number. */
export function dec(value: string | number | Big): Big {
  return new Big(value);
}

/** The one rounding rule: half up (away from zero) to whole fen. */
export function roundFen(exactFen: Big): number {
  const rounded = Number(exactFen.round(0, Big.roundHalfUp).toFixed(0));
  if (!Number.isSafeInteger(rounded)) throw new RangeError("amount out of range");
  return rounded;
}

/** Integer fen → yuan string with two decimals and thousands separators, e.g. 300000 → "3,000.00". */
export function yuan(fen: number): string {
  return formatYuan(fen);
}

/** An exact fen value shown in yuan with as many decimals as it needs (at least two). */
export function yuanExact(exactFen: Big): string {
  const y = exactFen.div(100);
  const fixed = y.toFixed(Math.max(2, Math.min(6, decimals(y))));
  const [int, frac] = fixed.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  return `${sign}${int.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

function decimals(b: Big) {
  return Math.max(0, b.c.length - b.e - 1);
}

/** Decimal strings accepted for rates and coefficients: up to 6 decimals, no exponent. */
export const DECIMAL_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;

/**
 * The hot path of a pay run uses scaled integers instead of big.js: rates and coefficients
 * have at most six decimals, so amount × rate is exact as a BigInt at scale 10^6. The same
 * rule applies: one rounding, half up (away from zero), to the fen.
 */
export const SCALE = 1_000_000n;
const scaledCache = new Map<string, bigint>();

/** "0.05" → 50000n (rate × 10^6, exact). */
export function scaledRate(text: string): bigint {
  let v = scaledCache.get(text);
  if (v === undefined) {
    if (!DECIMAL_PATTERN.test(text)) throw new RangeError(`not a decimal: ${text}`);
    const [whole, frac = ""] = text.split(".");
    v = BigInt(whole) * SCALE + BigInt(frac.padEnd(6, "0"));
    scaledCache.set(text, v);
  }
  return v;
}

/** An integer (fen, a count) as a BigInt; refuses fractions rather than guess. */
export function int(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return BigInt(value);
}

/** A value at scale 10^6 rounded once, half up (away from zero), to whole fen. */
export function roundScaled(v: bigint): number {
  const r = v >= 0n ? (2n * v + SCALE) / (2n * SCALE) : -((-2n * v + SCALE) / (2n * SCALE));
  const n = Number(r);
  if (!Number.isSafeInteger(n)) throw new RangeError("amount out of range");
  return n;
}

/** A value at scale 10^6 as an exact decimal string of fen, e.g. 246900000n → "246.9". */
export function scaledToString(v: bigint): string {
  const sign = v < 0n ? "-" : "";
  const abs = v < 0n ? -v : v;
  const frac = (abs % SCALE).toString().padStart(6, "0").replace(/0+$/, "");
  return `${sign}${abs / SCALE}${frac ? `.${frac}` : ""}`;
}
