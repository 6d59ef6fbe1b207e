/**
 * Validating walks over JSON text encoded as UTF-8 bytes: find where a string, number or
 * literal ends, and skip a whole value. Written as flat loops over a byte array, because
 * skipping the parts of an event no rule reads is most of the event scanner's time, and a byte
 * array is read faster than a string, whose every `charCodeAt` dispatches on its representation.
 *
 * Every structural character of JSON is ASCII, so the grammar reads the same on bytes; the bytes
 * of other characters (all >= 0x80) are plain string content. The byte after the text must be 0:
 * no JSON token continues with a 0 byte, so every loop stops there without a bounds check, and a
 * raw 0 inside the text is a control character, which JSON rejects anyway.
 */
import { MAX_NESTING_DEPTH } from "../json";

export const Char = {
  Tab: 9,
  Newline: 10,
  Return: 13,
  Space: 32,
  Quote: 34,
  Plus: 43,
  Comma: 44,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  UpperE: 69,
  LowerA: 97,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  LowerB: 98,
  LowerE: 101,
  LowerF: 102,
  LowerL: 108,
  LowerN: 110,
  LowerR: 114,
  LowerS: 115,
  LowerT: 116,
  LowerU: 117,
  OpenBrace: 123,
  CloseBrace: 125,
} as const;

const IN_OBJECT = 1;
const IN_ARRAY = 2;

/** The container stack of `skipValue`, kept between calls so it is allocated once. */
export interface SkipState {
  stack: Uint8Array;
}

export function newSkipState(): SkipState {
  return { stack: new Uint8Array(64) };
}

/** Malformed JSON, at a byte offset; the scanner reports it with the character offset. */
export class MalformedJson extends Error {
  constructor(
    readonly reason: string,
    readonly byteOffset: number,
  ) {
    super(reason);
  }
}

export function malformed(reason: string, position: number): never {
  throw new MalformedJson(reason, position);
}

export function skipWhitespace(bytes: Uint8Array, pos: number): number {
  for (;;) {
    const code = bytes[pos];
    if (code !== Char.Space && code !== Char.Newline && code !== Char.Return && code !== Char.Tab) return pos;
    pos++;
  }
}

/** Index of the quote closing a string whose contents start at `pos`. */
export function stringEnd(bytes: Uint8Array, pos: number): number {
  for (;;) {
    const code = bytes[pos];
    if (code === Char.Quote) return pos;
    if (code === Char.Backslash) {
      pos = escapeEnd(bytes, pos);
    } else if (code >= Char.Space) {
      pos++;
    } else {
      // Below space is a control character, or the 0 after the text (reported as its end).
      malformed("control character in string", pos);
    }
  }
}

/** End of the escape sequence whose backslash is at `pos`. */
export function escapeEnd(bytes: Uint8Array, pos: number): number {
  const code = bytes[pos + 1];
  if (code === Char.LowerU) {
    for (let i = pos + 2; i < pos + 6; i++) {
      if (!isHexDigit(bytes[i])) malformed("bad \\u escape", pos);
    }
    return pos + 6;
  }
  switch (code) {
    case Char.Quote:
    case Char.Backslash:
    case Char.Slash:
    case Char.LowerB:
    case Char.LowerF:
    case Char.LowerN:
    case Char.LowerR:
    case Char.LowerT:
      return pos + 2;
    default:
      return malformed("bad escape", pos);
  }
}

function isHexDigit(code: number): boolean {
  return (code >= Char.Zero && code <= Char.Nine) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** End of the JSON number starting at `pos`, validating its grammar. */
export function numberEnd(bytes: Uint8Array, pos: number): number {
  let code = bytes[pos];
  if (code === Char.Minus) code = bytes[++pos];
  if (code === Char.Zero) {
    code = bytes[++pos];
  } else if (code > Char.Zero && code <= Char.Nine) {
    do code = bytes[++pos];
    while (code >= Char.Zero && code <= Char.Nine);
  } else {
    malformed("bad number", pos);
  }
  if (code === Char.Dot) {
    code = bytes[++pos];
    if (!(code >= Char.Zero && code <= Char.Nine)) malformed("bad number", pos);
    do code = bytes[++pos];
    while (code >= Char.Zero && code <= Char.Nine);
  }
  if (code === Char.LowerE || code === Char.UpperE) {
    code = bytes[++pos];
    if (code === Char.Plus || code === Char.Minus) code = bytes[++pos];
    if (!(code >= Char.Zero && code <= Char.Nine)) malformed("bad number", pos);
    do code = bytes[++pos];
    while (code >= Char.Zero && code <= Char.Nine);
  }
  return pos;
}

/**
 * Index of the first byte at or after `pos` that is not an ASCII digit. Coordinates and other
 * long numbers are most of what a scan skips, so while four bytes in a row are digits they are
 * tested as one 32-bit word (`words` views the same bytes).
 */
export function digitsEnd(bytes: Uint8Array, words: DataView, pos: number): number {
  const lastWord = bytes.length - 4;
  while (pos <= lastWord && areFourDigits(words.getUint32(pos, true))) pos += 4;
  // One unsigned comparison tests for a digit.
  while (((bytes[pos] - Char.Zero) >>> 0) <= 9) pos++;
  return pos;
}

/**
 * Each byte is 0x30-0x39 exactly when its high nibble is 3 and adding 6 leaves it 3. A carry
 * out of a byte needs that byte >= 0xfa, which fails the test itself.
 */
function areFourDigits(word: number): boolean {
  return ((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
}

/** Literal `true`, `false` or `null` at `pos`: returns its first character code, or throws. */
export function literalAt(bytes: Uint8Array, pos: number): number {
  const code = bytes[pos];
  if (
    (code === Char.LowerT && bytes[pos + 1] === Char.LowerR && bytes[pos + 2] === Char.LowerU && bytes[pos + 3] === Char.LowerE) ||
    (code === Char.LowerF && bytes[pos + 1] === Char.LowerA && bytes[pos + 2] === Char.LowerL && bytes[pos + 3] === Char.LowerS && bytes[pos + 4] === Char.LowerE) ||
    (code === Char.LowerN && bytes[pos + 1] === Char.LowerU && bytes[pos + 2] === Char.LowerL && bytes[pos + 3] === Char.LowerL)
  ) {
    return code;
  }
  return malformed("unexpected character", pos);
}

export function literalLength(firstCode: number): number {
  return firstCode === Char.LowerF ? 5 : 4;
}

/** Skips `"key" :` and the whitespace after it; returns where the value starts. */
function skipKey(bytes: Uint8Array, pos: number): number {
  if (bytes[pos] !== Char.Quote) malformed("expected a key", pos);
  pos = stringEnd(bytes, pos + 1) + 1;
  let code = bytes[pos];
  if (code <= Char.Space) {
    pos = skipWhitespace(bytes, pos);
    code = bytes[pos];
  }
  if (code !== Char.Colon) malformed("expected ':'", pos);
  pos++;
  return bytes[pos] <= Char.Space ? skipWhitespace(bytes, pos) : pos;
}

/** Containers may nest `MAX_NESTING_DEPTH` deep, as in the event parser of `testEventPattern`. */
export function checkNesting(depth: number, pos: number): void {
  if (depth > MAX_NESTING_DEPTH) malformed(`nesting deeper than ${MAX_NESTING_DEPTH}`, pos);
}

/**
 * Skips the JSON value starting at `pos` and returns the index just after it, validating the
 * grammar as it goes. Iterative, so deep nesting cannot overflow the call stack; `outerDepth`
 * is the number of containers already open around the value.
 */
export function skipValue(bytes: Uint8Array, words: DataView, pos: number, state: SkipState, outerDepth: number): number {
  let depth = 0;
  let stack = state.stack;
  for (;;) {
    // A value starts at `pos`.
    let code = bytes[pos];
    if (code === Char.Quote) {
      pos = stringEnd(bytes, pos + 1) + 1;
    } else if (code === Char.Minus || (code >= Char.Zero && code <= Char.Nine)) {
      // Plain numbers (`-12`, `0`, `3.25`) are skipped inline; the rest take the full check.
      const digitsStart = code === Char.Minus ? pos + 1 : pos;
      let at = digitsEnd(bytes, words, digitsStart);
      code = bytes[at];
      const integerDigits = at - digitsStart;
      let plain = integerDigits === 1 || (integerDigits > 1 && bytes[digitsStart] !== Char.Zero);
      if (code === Char.Dot) {
        const fractionStart = ++at;
        at = digitsEnd(bytes, words, fractionStart);
        code = bytes[at];
        plain &&= at > fractionStart;
      }
      plain &&= code !== Char.LowerE && code !== Char.UpperE;
      pos = plain ? at : numberEnd(bytes, pos);
    } else if (code === Char.OpenBrace || code === Char.OpenBracket) {
      checkNesting(outerDepth + depth + 1, pos);
      let inner = pos + 1;
      if (bytes[inner] <= Char.Space) inner = skipWhitespace(bytes, inner);
      if (bytes[inner] === (code === Char.OpenBrace ? Char.CloseBrace : Char.CloseBracket)) {
        pos = inner + 1;
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = state.stack = grown;
        }
        if (code === Char.OpenBrace) {
          stack[depth++] = IN_OBJECT;
          pos = skipKey(bytes, inner);
        } else {
          stack[depth++] = IN_ARRAY;
          pos = inner;
        }
        continue;
      }
    } else {
      pos += literalLength(literalAt(bytes, pos));
    }
    // A value ended: close containers until one continues after a comma.
    for (;;) {
      if (depth === 0) return pos;
      code = bytes[pos];
      if (code <= Char.Space) {
        pos = skipWhitespace(bytes, pos);
        code = bytes[pos];
      }
      const inObject = stack[depth - 1] === IN_OBJECT;
      if (code === Char.Comma) {
        pos++;
        if (bytes[pos] <= Char.Space) pos = skipWhitespace(bytes, pos);
        if (inObject) pos = skipKey(bytes, pos);
        break;
      }
      if (code !== (inObject ? Char.CloseBrace : Char.CloseBracket)) {
        malformed(inObject ? "expected ',' or '}'" : "expected ',' or ']'", pos);
      }
      depth--;
      pos++;
    }
  }
}

export const HAS_ESCAPE = 1;
export const HAS_DOT = 2;

/** Which of `HAS_ESCAPE` / `HAS_DOT` the raw string contents `start … end` contain. */
export function stringFeatures(bytes: Uint8Array, start: number, end: number): number {
  let features = 0;
  for (let i = start; i < end; i++) {
    const code = bytes[i];
    if (code === Char.Backslash) features |= HAS_ESCAPE;
    else if (code === Char.Dot) features |= HAS_DOT;
  }
  return features;
}

/** The decoded text of raw string contents; JSON.parse of a validated literal is the exact unescape. */
export function decodeString(text: string, start: number, end: number, escaped: boolean): string {
  return escaped ? (JSON.parse(text.slice(start - 1, end + 1)) as string) : text.slice(start, end);
}
