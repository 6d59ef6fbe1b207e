import { describe, expect, it } from "vitest";
import { digitsEnd } from "./json-text";

/** The byte-at-a-time answer that `digitsEnd` must give. */
function digitsEndOneByOne(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos++;
  return pos;
}

function digitsEndOf(bytes: Uint8Array, pos: number): number {
  return digitsEnd(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), pos);
}

describe("digitsEnd", () => {
  it("stops at every non-digit byte value, wherever it sits in a word", () => {
    for (let at = 0; at < 9; at++) {
      for (let value = 0; value < 256; value++) {
        const bytes = new Uint8Array(16).fill(0x35);
        bytes[at] = value;
        bytes[15] = 0;
        expect(digitsEndOf(bytes, 0), `byte ${value} at ${at}`).toBe(digitsEndOneByOne(bytes, 0));
      }
    }
  });

  it("reads runs ending at or near the end of the buffer, from any start", () => {
    for (let length = 1; length <= 12; length++) {
      for (let digits = 0; digits < length; digits++) {
        const bytes = new Uint8Array(length);
        bytes.fill(0x39, 0, digits);
        for (let start = 0; start <= digits; start++) expect(digitsEndOf(bytes, start)).toBe(digits);
      }
    }
  });

  it("reads a view that starts inside its buffer", () => {
    const buffer = new Uint8Array([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x2e, 0x38, 0]);
    expect(digitsEndOf(buffer.subarray(1), 0)).toBe(6);
  });
});
