/**
 * The Custom Event Bus (API `eventsv2`) on the local endpoint: buses with retention, subscribers,
 * publishing through the one ingest path, pause/resume with a backlog, replays.
 */
export * from "./resources";
export * from "./publish";
export * from "./subscribers";
