/**
 * Number comparability, as event-ruler's `ComparableNumber` decides it (lib/pattern/SEMANTICS.md,
 * "Numbers").
 *
 * A JSON number takes part in numeric matching only when its exact decimal value equals the
 * decimal value Java's `BigDecimal.valueOf(double)` gives its IEEE-754 double: the shortest
 * round-trip representation, but for subnormals of one significant digit the closest two-digit
 * one (`4.9e-324`, not `5e-324`). `9007199254740993`, `0.10000000000000000001`, `1e400` and
 * `5e-324` are not comparable: they can only ever match by their literal text.
 */

import type { EventValue } from "./model";

/** A decimal as `digits × 10^exponent`, digits without leading or trailing zeros ("" for zero). */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: bigint;
}

/** Reads a JSON-grammar number lexeme or a JS shortest repr (`1e+21`, `5e-324`) exactly. */
function toDecimal(text: string): Decimal | undefined {
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  } else if (text.charCodeAt(0) === 43) {
    i = 1;
  }
  const ePos = text.search(/[eE]/);
  const mantissa = ePos < 0 ? text.slice(i) : text.slice(i, ePos);
  const dot = mantissa.indexOf(".");
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const fracPart = dot < 0 ? "" : mantissa.slice(dot + 1);
  if (!/^[0-9]*$/.test(intPart) || !/^[0-9]*$/.test(fracPart) || intPart.length + fracPart.length === 0) {
    return undefined;
  }
  let exponent = 0n;
  if (ePos >= 0) {
    const expText = text.slice(ePos + 1);
    if (!/^[+-]?[0-9]+$/.test(expText)) return undefined;
    exponent = BigInt(expText);
  }
  let digits = intPart + fracPart;
  exponent -= BigInt(fracPart.length);
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead);
  let trail = digits.length;
  while (trail > 0 && digits.charCodeAt(trail - 1) === 48) trail--;
  exponent += BigInt(digits.length - trail);
  digits = digits.slice(0, trail);
  if (digits.length === 0) return { negative: false, digits: "", exponent: 0n };
  return { negative, digits, exponent };
}

/**
 * The double a number lexeme stands for, when it is comparable; otherwise `undefined`.
 * `-0` is comparable and equals `0`.
 */
export function comparableValue(lexeme: string): number | undefined {
  if (isShortInteger(lexeme)) return Number(lexeme);
  const double = Number(lexeme);
  if (!Number.isFinite(double)) return undefined;
  const shortest = String(double);
  // The shortest round-trip text (as JSON.stringify writes numbers) is Java's too, subnormals aside.
  if (shortest === lexeme && !isSubnormal(double)) return double;
  const exact = toDecimal(lexeme);
  if (exact === undefined) return undefined;
  const java = javaDecimal(double, shortest);
  if (java === undefined) return undefined;
  if (exact.digits !== java.digits || exact.exponent !== java.exponent) return undefined;
  if (exact.digits !== "" && exact.negative !== java.negative) return undefined;
  return double;
}

/**
 * The decimal of `BigDecimal.valueOf(double)`, that is of Java's `Double.toString` (as specified
 * since Java 19): the shortest decimal that rounds to the double, except that a one-digit decimal
 * gives way to the closest decimal of one or two digits. Only a subnormal, with few significant
 * bits, can tell the two apart: `Double.MIN_VALUE` is `4.9E-324` in Java, `5e-324` in JavaScript.
 */
function javaDecimal(double: number, shortest: string): Decimal | undefined {
  const decimal = toDecimal(shortest);
  if (decimal === undefined || decimal.digits.length !== 1 || !isSubnormal(double)) return decimal;
  return twoDigitDecimal(double);
}

const MIN_NORMAL = 2.2250738585072014e-308;

function isSubnormal(double: number): boolean {
  return double !== 0 && Math.abs(double) < MIN_NORMAL;
}

/** A subnormal rounded to two significant digits (half to even), exactly. */
function twoDigitDecimal(subnormal: number): Decimal {
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, Math.abs(subnormal));
  // A subnormal is m × 2^-1074 = (m × 5^1074) × 10^-1074, with m its raw bits.
  const scaled = bits.getBigUint64(0) * 5n ** 1074n;
  const dropped = scaled.toString().length - 2;
  const unit = 10n ** BigInt(dropped);
  let twoDigits = scaled / unit;
  const rest = scaled % unit;
  if (rest * 2n > unit || (rest * 2n === unit && twoDigits % 2n === 1n)) twoDigits += 1n;
  let digits = twoDigits.toString();
  let exponent = BigInt(dropped) - 1074n;
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    exponent += 1n;
  }
  return { negative: subnormal < 0, digits, exponent };
}

/** Integers of at most 15 digits are always exact doubles: the common case, decided without parsing. */
function isShortInteger(lexeme: string): boolean {
  const start = lexeme.charCodeAt(0) === 45 ? 1 : 0;
  const length = lexeme.length - start;
  if (length < 1 || length > 15) return false;
  for (let i = start; i < lexeme.length; i++) {
    const c = lexeme.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The event value for a number lexeme. */
export function numberValue(lexeme: string): EventValue {
  return { kind: "number", lexeme, comparable: comparableValue(lexeme) };
}
