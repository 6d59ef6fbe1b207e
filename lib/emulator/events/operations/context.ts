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

/** An operation reads its input and returns the JSON output AWS would send. */
export type Operation = (params: Params, context: OperationContext) => Promise<Record<string, unknown>>;
