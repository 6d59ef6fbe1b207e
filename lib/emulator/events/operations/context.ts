import type { Db } from "../../../db";
import type { Scope } from "../../../arn";
import type { Params } from "../../protocol/params";
import type { BusRuntime } from "../../runtime";

/** What every operation is given: the caller's account and region, the database, the runtime. */
export interface OperationContext {
  readonly scope: Scope;
  readonly db: Db;
  readonly runtime: BusRuntime;
}

/**
 * An operation reads its input (already checked against AWS's model, see protocol.ts) and
 * returns the JSON output AWS would send.
 */
export type Operation = (params: Params, context: OperationContext) => Promise<Record<string, unknown>>;

/** A timestamp as the JSON protocol sends it: epoch seconds. */
export const epochSeconds = (date: Date) => date.getTime() / 1000;

/** JSON text stored in a column, read back (a structure AWS returns as it was sent). */
export const parseStored = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

/** The `where` of a List… call's `NamePrefix`: every name, or those starting with it. */
export const namePrefixWhere = (prefix: string | undefined) => (prefix === undefined ? {} : { name: { startsWith: prefix } });
