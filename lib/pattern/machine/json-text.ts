/**
 * Validating walks over JSON text by character code: find where a string, number or literal
 * ends, and skip a whole value. Written as flat loops, because skipping the parts of an event
 * no rule reads is most of the event scanner's time.
 */
import { InvalidEventError } from "../errors";
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
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  LowerB: 98,
  LowerE: 101,
  LowerF: 102,
  LowerN: 110,
  LowerR: 114,
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

export function malformed(reason: string, position: number): never {
  throw new InvalidEventError(`Event is not valid JSON: ${reason} at position ${position}`);
}

export function skipWhitespace(text: string, pos: number): number {
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code !== Char.Space && code !== Char.Newline && code !== Char.Return && code !== Char.Tab) return pos;
    pos++;
  }
}

/** Index of the quote closing a string whose contents start at `pos`. */
export function stringEnd(text: string, pos: number): number {
  for (;;) {
    const code = text.charCodeAt(pos);
    if (code === Char.Quote) return pos;
    if (code === Char.Backslash) {
      pos = escapeEnd(text, pos);
    } else if (code >= Char.Space) {
      pos++;
    } else {
      // Below space is a control character; NaN (the end of the text) fails `>=` too.
      malformed(code === code ? "control character in string" : "unterminated string", pos);
    }
  }
}

/** End of the escape sequence whose backslash is at `pos`. */
export function escapeEnd(text: string, pos: number): number {
  const code = text.charCodeAt(pos + 1);
  if (code === Char.LowerU) {
    for (let i = pos + 2; i < pos + 6; i++) {
      if (!isHexDigit(text.charCodeAt(i))) malformed("bad \\u escape", pos);
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
export function numberEnd(text: string, pos: number): number {
  let code = text.charCodeAt(pos);
  if (code === Char.Minus) code = text.charCodeAt(++pos);
  if (code === Char.Zero) {
    code = text.charCodeAt(++pos);
  } else if (code > Char.Zero && code <= Char.Nine) {
    do code = text.charCodeAt(++pos);
    while (code >= Char.Zero && code <= Char.Nine);
  } else {
    malformed("bad number", pos);
  }
  if (code === Char.Dot) {
    code = text.charCodeAt(++pos);
    if (!(code >= Char.Zero && code <= Char.Nine)) malformed("bad number", pos);
    do code = text.charCodeAt(++pos);
    while (code >= Char.Zero && code <= Char.Nine);
  }
  if (code === Char.LowerE || code === Char.UpperE) {
    code = text.charCodeAt(++pos);
    if (code === Char.Plus || code === Char.Minus) code = text.charCodeAt(++pos);
    if (!(code >= Char.Zero && code <= Char.Nine)) malformed("bad number", pos);
    do code = text.charCodeAt(++pos);
    while (code >= Char.Zero && code <= Char.Nine);
  }
  return pos;
}

/** Literal `true`, `false` or `null` at `pos`: returns its first character code, or throws. */
export function literalAt(text: string, pos: number): number {
  const code = text.charCodeAt(pos);
  if (
    (code === Char.LowerT && text.startsWith("true", pos)) ||
    (code === Char.LowerF && text.startsWith("false", pos)) ||
    (code === Char.LowerN && text.startsWith("null", pos))
  ) {
    return code;
  }
  return malformed("unexpected character", pos);
}

export function literalLength(firstCode: number): number {
  return firstCode === Char.LowerF ? 5 : 4;
}

/** Skips `"key" :` and the whitespace after it; returns where the value starts. */
function skipKey(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== Char.Quote) malformed("expected a key", pos);
  pos = stringEnd(text, pos + 1) + 1;
  let code = text.charCodeAt(pos);
  if (code <= Char.Space) {
    pos = skipWhitespace(text, pos);
    code = text.charCodeAt(pos);
  }
  if (code !== Char.Colon) malformed("expected ':'", pos);
  pos++;
  return text.charCodeAt(pos) <= Char.Space ? skipWhitespace(text, pos) : pos;
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
export function skipValue(text: string, pos: number, state: SkipState, outerDepth: number): number {
  let depth = 0;
  let stack = state.stack;
  for (;;) {
    // A value starts at `pos`.
    let code = text.charCodeAt(pos);
    if (code === Char.Quote) {
      pos = stringEnd(text, pos + 1) + 1;
    } else if (code === Char.Minus || (code >= Char.Zero && code <= Char.Nine)) {
      // Plain numbers (`-12`, `0`, `3.25`) are skipped inline; the rest take the full check.
      const digitsStart = code === Char.Minus ? pos + 1 : pos;
      let at = digitsStart;
      code = text.charCodeAt(at);
      while (code >= Char.Zero && code <= Char.Nine) code = text.charCodeAt(++at);
      const integerDigits = at - digitsStart;
      let plain = integerDigits === 1 || (integerDigits > 1 && text.charCodeAt(digitsStart) !== Char.Zero);
      if (code === Char.Dot) {
        const fractionStart = ++at;
        code = text.charCodeAt(at);
        while (code >= Char.Zero && code <= Char.Nine) code = text.charCodeAt(++at);
        plain &&= at > fractionStart;
      }
      plain &&= code !== Char.LowerE && code !== Char.UpperE;
      pos = plain ? at : numberEnd(text, pos);
    } else if (code === Char.OpenBrace || code === Char.OpenBracket) {
      checkNesting(outerDepth + depth + 1, pos);
      let inner = pos + 1;
      if (text.charCodeAt(inner) <= Char.Space) inner = skipWhitespace(text, inner);
      if (text.charCodeAt(inner) === (code === Char.OpenBrace ? Char.CloseBrace : Char.CloseBracket)) {
        pos = inner + 1;
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = state.stack = grown;
        }
        if (code === Char.OpenBrace) {
          stack[depth++] = IN_OBJECT;
          pos = skipKey(text, inner);
        } else {
          stack[depth++] = IN_ARRAY;
          pos = inner;
        }
        continue;
      }
    } else {
      pos += literalLength(literalAt(text, pos));
    }
    // A value ended: close containers until one continues after a comma.
    for (;;) {
      if (depth === 0) return pos;
      code = text.charCodeAt(pos);
      if (code <= Char.Space) {
        pos = skipWhitespace(text, pos);
        code = text.charCodeAt(pos);
      }
      const inObject = stack[depth - 1] === IN_OBJECT;
      if (code === Char.Comma) {
        pos++;
        if (text.charCodeAt(pos) <= Char.Space) pos = skipWhitespace(text, pos);
        if (inObject) pos = skipKey(text, pos);
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
export function stringFeatures(text: string, start: number, end: number): number {
  let features = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === Char.Backslash) features |= HAS_ESCAPE;
    else if (code === Char.Dot) features |= HAS_DOT;
  }
  return features;
}

/** The decoded text of raw string contents; JSON.parse of a validated literal is the exact unescape. */
export function decodeString(text: string, start: number, end: number, escaped: boolean): string {
  return escaped ? (JSON.parse(text.slice(start - 1, end + 1)) as string) : text.slice(start, end);
}
