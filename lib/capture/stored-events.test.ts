import { describe, expect, it } from "vitest";
import { readCapturedEvent, withoutReplayName } from "./stored-events";

const event = (extra: string) =>
  `{"version":"0",${extra}"id":"e-1","detail-type":"OrderPlaced","source":"shop","account":"123456789012","time":"2026-11-23T10:00:00Z","region":"us-east-1","resources":[],"detail":{"n":12345678901234567890,"replay-name":"cap-1"}}`;

describe("readCapturedEvent", () => {
  it("takes out the capture's own replay-name and keeps the rest byte for byte", () => {
    const read = readCapturedEvent(event(`"replay-name":"cap-1",`), "cap-1");
    expect(read).toMatchObject({ id: "e-1", source: "shop", detailType: "OrderPlaced" });
    expect(read?.replayName).toBeUndefined();
    expect(read?.time.toISOString()).toBe("2026-11-23T10:00:00.000Z");
    // The detail's own "replay-name" and its large number are untouched.
    expect(read?.text).toBe(event(""));
  });

  it("keeps another replay's name (a live capture seeing someone's replay)", () => {
    const read = readCapturedEvent(event(`"replay-name":"theirs",`), "cap-1");
    expect(read?.replayName).toBe("theirs");
    expect(read?.text).toContain('"replay-name":"theirs"');
  });

  it("refuses what is not an EventBridge event", () => {
    expect(readCapturedEvent("not json")).toBeUndefined();
    expect(readCapturedEvent("[1,2]")).toBeUndefined();
    expect(readCapturedEvent('{"id":"x","source":"s","detail-type":"d"}')).toBeUndefined();
    expect(readCapturedEvent('{"id":"x","source":"s","detail-type":"d","time":"yesterday"}')).toBeUndefined();
  });
});

describe("withoutReplayName", () => {
  it("removes the member wherever it sits at the top level", () => {
    expect(withoutReplayName('{"a":1,"replay-name":"r"}', "r")).toBe('{"a":1}');
    expect(withoutReplayName('{"replay-name":"r","a":1}', "r")).toBe('{"a":1}');
    expect(withoutReplayName('{"a":1, "replay-name" : "r" ,"b":2}', "r")).toBe('{"a":1, "b":2}');
  });
  it("does not cut a nested member of the same name first", () => {
    const text = '{"detail":{"replay-name":"r"},"replay-name":"r"}';
    expect(JSON.parse(withoutReplayName(text, "r"))).toEqual({ detail: { "replay-name": "r" } });
  });
});
