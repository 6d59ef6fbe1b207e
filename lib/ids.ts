/**
 * Prefixed, time-sortable ids (`dsn_01k…`): the prefix says what an id names, and ids sort by
 * creation time, which keeps lists stable and database indexes append-only.
 */
const PREFIXES = { design: "dsn", busEvent: "evt", delivery: "dlv" } as const;

export type IdKind = keyof typeof PREFIXES;

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encode(value: bigint, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  const randomBits = random.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  // 10 characters of milliseconds (enough until the year 10889) then 16 of randomness.
  return `${PREFIXES[kind]}_${encode(BigInt(now), 10)}${encode(randomBits, 16)}`;
}

/**
 * `count` ids minted together (e.g. the events of one batch) that sort in the order given: one
 * random start, counted up.
 */
export function newIdSequence(kind: IdKind, count: number, now: number = Date.now()): string[] {
  const random = crypto.getRandomValues(new Uint8Array(10));
  // Clear the top bit so counting up cannot overflow the 80 random bits.
  random[0] &= 0x7f;
  const start = random.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  return Array.from({ length: count }, (_, i) => `${PREFIXES[kind]}_${encode(BigInt(now), 10)}${encode(start + BigInt(i), 16)}`);
}

/**
 * The smallest possible id of `kind` minted at `time`: every id minted at or after `time` sorts
 * at or after it, every id minted before sorts before it (time ranges become id ranges).
 */
export function idLowerBound(kind: IdKind, time: number): string {
  return `${PREFIXES[kind]}_${encode(BigInt(time), 10)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${PREFIXES[kind]}_[${ALPHABET}]{26}$`).test(value);
}
