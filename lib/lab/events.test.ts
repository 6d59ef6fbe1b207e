import { describe, expect, it } from "vitest";
import { catalogueEntry } from "./catalogue";
import { MAX_EVENT_SET_CHARS, MAX_LAB_EVENTS, parseEventSet, prepareEvents, type LabEvent } from "./events";

const EVENT = '{"version":"0","id":"1","detail-type":"T","source":"s","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"n":1.50}}';

describe("parseEventSet", () => {
  it("reads one object and keeps its exact text (number lexemes, spacing)", () => {
    const text = `\n  ${EVENT.replace('"n":1.50', '"n": 1.50')}  \n`;
    const { events, problems } = parseEventSet(text, "pasted");
    expect(problems).toEqual([]);
    expect(events).toEqual([{ id: "pasted-1", name: "T (s)", text: text.trim(), origin: "pasted" }]);
  });

  it("reads a JSON array, naming non-objects by line", () => {
    const { events, problems } = parseEventSet(`[\n${EVENT},\n42,\n{"topic": "customer"}\n]`, "upload", { idPrefix: "u", firstNumber: 5 });
    expect(events.map((e) => [e.id, e.name])).toEqual([
      ["u-5", "T (s)"],
      ["u-6", "Record from customer"],
    ]);
    expect(events[0]?.text).toBe(EVENT);
    expect(problems).toEqual([{ line: 3, message: "An event must be a JSON object, not a number." }]);
  });

  it("reads JSON Lines, keeping good lines and reporting each bad one with its line", () => {
    const text = [EVENT, "", '{"a": 1}', '{"b": ', "[1, 2]", '{"c": true}\r'].join("\n");
    const { events, problems } = parseEventSet(text, "upload");
    expect(events.map((e) => e.text)).toEqual([EVENT, '{"a": 1}', '{"c": true}']);
    expect(events.map((e) => e.id)).toEqual(["upload-1", "upload-2", "upload-3"]);
    expect(problems).toEqual([
      { line: 4, message: "Not valid JSON: Unexpected end-of-input: expected close marker for OBJECT (column 7)." },
      { line: 5, message: "An event must be a JSON object, not an array." },
    ]);
  });

  it("reads JSON Lines whose first line is broken", () => {
    const { events, problems } = parseEventSet(['{"a": ', '{"b": 1}', '{"c": 2}'].join("\n"), "pasted");
    expect(events.map((e) => e.text)).toEqual(['{"b": 1}', '{"c": 2}']);
    expect(problems.map((p) => p.line)).toEqual([1]);
  });

  it("treats a broken pretty-printed array as one document with one error", () => {
    const { events, problems } = parseEventSet('[\n  {"a": 1},\n  {"b": 2}\n  {"c": 3}\n]', "pasted");
    expect(events).toEqual([]);
    expect(problems).toEqual([{ line: 4, message: expect.stringMatching(/^Not valid JSON: Unexpected character .*was expecting comma to separate Array entries \(line 4, column 3\)\.$/) }]);
  });

  it("reports one syntax error with line and column when the text is neither JSON nor JSON Lines", () => {
    const { events, problems } = parseEventSet('{\n  "a": 1,\n  "b": oops\n}', "pasted");
    expect(events).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.message).toMatch(/^Not valid JSON: Unrecognized token 'oops'.*\(line 3, column 8\)\.$/);
  });

  it("ignores a byte-order mark from an uploaded file", () => {
    expect(parseEventSet(`\uFEFF${EVENT}`, "upload").events.map((e) => e.text)).toEqual([EVENT]);
  });

  it("says so for empty text and empty arrays", () => {
    expect(parseEventSet("  \n", "pasted").problems).toEqual([{ line: 1, message: "There are no events: the text is empty." }]);
    expect(parseEventSet("[]", "pasted").problems).toEqual([{ line: 1, message: "The array holds no events." }]);
  });

  it("refuses oversized text up front and caps the number of events", () => {
    const huge = parseEventSet(" ".repeat(MAX_EVENT_SET_CHARS + 1), "upload");
    expect(huge.events).toEqual([]);
    expect(huge.problems[0]?.message).toMatch(/^The text is 32\.0 MB; the lab reads at most 32\.0 MB at once/);
    const lines = Array.from({ length: MAX_LAB_EVENTS + 5 }, (_, i) => `{"i": ${i}}`).join("\n");
    const capped = parseEventSet(lines, "upload");
    expect(capped.events).toHaveLength(MAX_LAB_EVENTS);
    expect(capped.problems).toEqual([{ line: MAX_LAB_EVENTS + 1, message: `Too many events: the lab keeps the first ${MAX_LAB_EVENTS}; the rest from this line on were left out.` }]);
  });

  it("reads a thousand JSON Lines quickly", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => EVENT.replace('"id":"1"', `"id":"${i}"`)).join("\n");
    const started = performance.now();
    const { events } = parseEventSet(lines, "upload");
    expect(events).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("prepareEvents", () => {
  const event = (id: string, text: string): LabEvent => ({ id, name: id, text, origin: "pasted" });

  it("flattens valid events and names why others cannot be tested, as TestEventPattern would", () => {
    const [ok, missing, broken] = prepareEvents([event("a", EVENT), event("b", '{"source": "x"}'), event("c", "{")]);
    expect(ok?.ok).toBe(true);
    expect(missing).toMatchObject({ ok: false, error: "The event lacks required fields: id, account, time, region, detail-type." });
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/^The event is not valid JSON/) });
  });

  it("prepares each event object once", () => {
    const events = [event("a", EVENT)];
    expect(prepareEvents(events)[0]).toBe(prepareEvents(events)[0]);
    expect(prepareEvents([{ ...events[0]! }])[0]).not.toBe(prepareEvents(events)[0]);
  });

  it("reads stream records without an envelope, with the payload decoded as Lambda filters it", () => {
    const kafka = catalogueEntry("customer-wa")!;
    const [prepared] = prepareEvents([event("k", kafka.text)], "kafka");
    expect(prepared?.ok).toBe(true);
    if (prepared?.ok) expect(prepared.flat.values.get("value.state")?.map((v) => v.value)).toEqual([{ kind: "string", value: "WA" }]);
  });
});
