/**
 * The Custom Event Bus's event semantics (API `eventsv2`): the `$events` envelope of each
 * publish API, subscriber filters evaluated per scope with the one pattern engine, and
 * transforms (RAW, WITH_METADATA, JSONata with the real `jsonata` library).
 */
export * from "./envelope";
export * from "./filters";
export * from "./transform";
