import { describe, expect, it } from "vitest";
import { captureCost, newCaptureName, readCapturedEvent, validateWindow, withoutReplayName } from "./capture";

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

describe("captureCost", () => {
  it("counts replayed events per 64 KB chunk and SQS requests per message and per 10", () => {
    const small = captureCost(1_000_000, 1_000_000 * 2048);
    expect(small.replayCostUsd).toBeCloseTo(1.0, 10);
    expect(small.sqsRequests).toBe(1_000_000 + 200_000 + 10);
    expect(small.sqsCostUsd).toBeCloseTo((1_200_010 * 0.4) / 1e6, 10);
    expect(small.totalCostUsd).toBeCloseTo(small.replayCostUsd + small.sqsCostUsd, 10);
    // 100 KB events are two chunks each: twice the replay charge and twice the sends.
    const large = captureCost(1000, 1000 * 100 * 1024);
    expect(large.replayCostUsd).toBeCloseTo(2000 / 1e6, 12);
    expect(large.sqsRequests).toBe(2000 + 200 + 10);
    expect(large.costText).toMatch(/up to 1,000 events \(97\.7 MB\)/);
  });
  it("states an empty archive costs next to nothing", () => {
    const none = captureCost(0, 0);
    expect(none.replayCostUsd).toBe(0);
    expect(none.costText).toMatch(/up to 0 events \(0 bytes\) costs about \$0\.0000/);
  });
});

describe("validateWindow and names", () => {
  it("rejects reversed, empty and future windows", () => {
    const now = Date.now();
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now - 2000) })).toThrow(/before/);
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now - 1000) })).toThrow(/before/);
    expect(() => validateWindow({ from: new Date(now - 1000), to: new Date(now + 3_600_000) })).toThrow(/future/);
    expect(() => validateWindow({ from: new Date("nope"), to: new Date(now) })).toThrow(/from must be a date/);
    expect(() => validateWindow({ from: new Date(now - 2000), to: new Date(now - 1000) })).not.toThrow();
  });
  it("makes names AWS accepts for a rule, a replay and a queue", () => {
    const name = newCaptureName();
    expect(name).toMatch(/^switchyard-capture-[a-z0-9]+-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(newCaptureName()).not.toBe(name);
  });
});
