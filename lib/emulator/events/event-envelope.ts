/** The event EventBridge builds from a PutEvents entry, as JSON text with the detail as sent. */

export interface EnvelopeFields {
  readonly id: string;
  readonly detailType: string;
  readonly source: string;
  readonly account: string;
  readonly time: Date;
  readonly region: string;
  readonly resources: readonly string[];
  /** The entry's Detail: JSON text of an object. */
  readonly detail: string;
  /** Set on replayed events, as AWS adds `replay-name`. */
  readonly replayName?: string;
}

/** The last time written, since a PutEvents batch shares one. */
let lastTime = { ms: NaN, text: "" };

/** AWS writes event times to the second: `2026-11-23T14:28:12Z`. */
export function eventTime(time: Date): string {
  const ms = time.getTime();
  if (ms !== lastTime.ms) lastTime = { ms, text: time.toISOString().replace(/\.\d{3}Z$/, "Z") };
  return lastTime.text;
}

export function buildEnvelope(fields: EnvelopeFields): string {
  const head = {
    version: "0",
    id: fields.id,
    "detail-type": fields.detailType,
    source: fields.source,
    account: fields.account,
    time: eventTime(fields.time),
    region: fields.region,
    resources: fields.resources,
    ...(fields.replayName === undefined ? {} : { "replay-name": fields.replayName }),
  };
  const headText = JSON.stringify(head);
  // The detail keeps the sender's text (numbers beyond double precision survive).
  return `${headText.slice(0, -1)},"detail":${fields.detail.trim()}}`;
}

/** Adds `replay-name` to a stored event's text, leaving the rest of the text as it was. */
export function withReplayName(eventText: string, replayName: string): string {
  return `{"replay-name":${JSON.stringify(replayName)},${eventText.trimStart().slice(1)}`;
}
