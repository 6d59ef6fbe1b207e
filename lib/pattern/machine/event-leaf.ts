import type { EventValue } from "../model";
import type { ArrayElement } from "./array-membership";
import { comparableValue } from "../numbers";
import { isAscii } from "./case-fold";
import { decodeString } from "./json-text";

/** The JSON type of a leaf; plain numbers so that the hot paths compare small integers. */
export const LeafKind = { String: 0, Number: 1, True: 2, False: 3, Null: 4 } as const;
export type LeafKind = (typeof LeafKind)[keyof typeof LeafKind];

const NOT_YET = 0;
const COMPARABLE = 1;
const NOT_COMPARABLE = 2;

/**
 * One scalar value found in the event text at a path some rule reads. It records only where
 * the value sits in the text; the string, the number and the model `EventValue` are produced
 * on first use, because most leaves are looked at by one or two indexes at most.
 *
 * Leaves are pooled by the scanner and reused for the next event.
 */
export class Leaf {
  kind: LeafKind = LeafKind.Null;
  text = "";
  /** For strings: just inside the quotes. For numbers: the lexeme. */
  start = 0;
  end = 0;
  /** The string holds a backslash escape and must be decoded. */
  escaped = false;
  /** The whole event text is ASCII, so this value is too. */
  inAsciiText = false;
  /** Innermost array element holding the value, or `null` outside arrays. */
  element: ArrayElement | null = null;
  /**
   * `element` if the value shares an array with a value of another path, else `null`: only
   * then can array consistency reject a combination (filled in after the scan).
   */
  constrainingElement: ArrayElement | null = null;

  private decoded: string | undefined = undefined;
  private numberState = NOT_YET;
  private double = 0;
  private modelValue: EventValue | undefined = undefined;

  reset(kind: LeafKind, text: string, start: number, end: number, escaped: boolean, inAsciiText: boolean, element: ArrayElement | null): void {
    this.kind = kind;
    this.inAsciiText = inAsciiText;
    this.text = text;
    this.start = start;
    this.end = end;
    this.escaped = escaped;
    this.element = element;
    this.constrainingElement = null;
    this.decoded = undefined;
    this.numberState = NOT_YET;
    this.modelValue = undefined;
  }

  /** The decoded string of a string leaf. */
  string(): string {
    this.decoded ??= decodeString(this.text, this.start, this.end, this.escaped);
    return this.decoded;
  }

  /** Whether the decoded string of a string leaf is all ASCII (escapes may spell other characters). */
  isAscii(): boolean {
    return (this.inAsciiText && !this.escaped) || isAscii(this.string());
  }

  /** The number's source text. */
  lexeme(): string {
    return this.text.slice(this.start, this.end);
  }

  /** The double of a comparable number leaf, or `undefined` if it only matches by lexeme. */
  comparable(): number | undefined {
    if (this.numberState === NOT_YET) {
      const double = comparableValue(this.lexeme());
      this.numberState = double === undefined ? NOT_COMPARABLE : COMPARABLE;
      this.double = double ?? 0;
    }
    return this.numberState === COMPARABLE ? this.double : undefined;
  }

  /** The leaf as the model's `EventValue`, for conditions checked by `conditionHolds`. */
  value(): EventValue {
    if (this.modelValue === undefined) this.modelValue = this.buildValue();
    return this.modelValue;
  }

  private buildValue(): EventValue {
    switch (this.kind) {
      case LeafKind.String:
        return { kind: "string", value: this.string() };
      case LeafKind.Number:
        return { kind: "number", lexeme: this.lexeme(), comparable: this.comparable() };
      case LeafKind.True:
        return { kind: "boolean", value: true };
      case LeafKind.False:
        return { kind: "boolean", value: false };
      default:
        return { kind: "null" };
    }
  }
}
