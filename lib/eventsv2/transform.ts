/**
 * What a subscriber's target receives for one event
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html): RAW
 * the published data, WITH_METADATA the whole `$events` object, JSONATA the result of one
 * expression written inside `{% … %}` that reads the event as `$events`. Evaluated with the
 * `jsonata` library, in the browser worker and on the server alike.
 */
import jsonata from "jsonata";
import type { EventsEnvelope } from "./envelope";

export type Transform = { readonly type: "RAW" } | { readonly type: "WITH_METADATA" } | { readonly type: "JSONATA"; readonly expression: string };

export interface TransformError {
  readonly message: string;
  /** UTF-16 offset into the expression text (delimiters included) where JSONata stopped, when it says. */
  readonly offset: number | undefined;
}

export type TransformResult = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: TransformError };

const DELIMITED = /^(\s*\{%)([\s\S]+?)%\}\s*$/;

export async function applyTransform(transform: Transform, envelope: EventsEnvelope): Promise<TransformResult> {
  if (transform.type === "RAW") return { ok: true, output: envelope.Data };
  if (transform.type === "WITH_METADATA") return { ok: true, output: envelope };
  const parts = DELIMITED.exec(transform.expression);
  if (!parts) return { ok: false, error: { message: "A JSONata transform is one expression wrapped in {% … %}", offset: 0 } };
  const bodyStart = parts[1]!.length;
  try {
    const output: unknown = await jsonata(parts[2]!).evaluate({}, { events: envelope });
    return { ok: true, output };
  } catch (e) {
    const error = e as { message?: string; position?: number; token?: string };
    const offset = typeof error.position === "number" ? bodyStart + Math.max(0, error.position - (error.token?.length ?? 1)) : undefined;
    return { ok: false, error: { message: error.message ?? String(e), offset } };
  }
}
