/**
 * Prefixed, time-sortable ids (`dsn_01k…`): the prefix says what an id names, and ids sort by
 * creation time, which keeps lists stable and database indexes append-only.
 */
const PREFIXES = { design: "dsn", busEvent: "evt", delivery: "dlv", pipeRun: "prn" } as const;

export type IdKind = keyof typeof PREFIXES;

// Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** 2^40: the random part is two 40-bit halves (8 characters each), so plain numbers hold them exactly. */
const HALF = 2 ** 40;

/** `value` (a whole number below 2^53) as `length` base-32 characters. */
function encode(value: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
}

/** Random bytes drawn from a pool filled in one call, so an id does not cost a call to the generator. */
const pool = new Uint8Array(4000);
let poolUsed = pool.length;

/** 40 random bits. */
function random40(): number {
  if (poolUsed + 5 > pool.length) {
    crypto.getRandomValues(pool);
    poolUsed = 0;
  }
  let value = 0;
  for (let i = 0; i < 5; i++) value = value * 256 + pool[poolUsed++];
  return value;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  // 10 characters of milliseconds (enough until the year 10889) then 16 of randomness.
  return `${PREFIXES[kind]}_${encode(now, 10)}${encode(random40(), 8)}${encode(random40(), 8)}`;
}

/**
 * `count` ids minted together (e.g. the events of one batch) that sort in the order given: one
 * random start, counted up.
 */
export function newIdSequence(kind: IdKind, count: number, now: number = Date.now()): string[] {
  const prefix = `${PREFIXES[kind]}_${encode(now, 10)}`;
  // Clear the top bit so counting up cannot overflow the 80 random bits.
  const high = random40() % (HALF / 2);
  const low = random40();
  return Array.from({ length: count }, (_, i) => {
    const sum = low + i;
    return `${prefix}${encode(high + Math.floor(sum / HALF), 8)}${encode(sum % HALF, 8)}`;
  });
}

/**
 * The smallest possible id of `kind` minted at `time`: every id minted at or after `time` sorts
 * at or after it, every id minted before sorts before it (time ranges become id ranges).
 */
export function idLowerBound(kind: IdKind, time: number): string {
  return `${PREFIXES[kind]}_${encode(time, 10)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${PREFIXES[kind]}_[${ALPHABET}]{26}$`).test(value);
}
