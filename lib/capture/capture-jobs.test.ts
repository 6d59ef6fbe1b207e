import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { ConsentRequiredError, MAX_LIVE_SECONDS, parseCaptureInput, timingFor } from "./capture-jobs";

const archive = { kind: "archive", archiveName: "a", from: "2026-11-23T10:00:00Z", to: "2026-11-23T11:00:00Z" };

describe("parseCaptureInput", () => {
  it("requires consent: true, whatever else is right", () => {
    expect(() => parseCaptureInput(archive)).toThrow(ConsentRequiredError);
    expect(() => parseCaptureInput({ ...archive, consent: false })).toThrow(ConsentRequiredError);
    expect(() => parseCaptureInput({ ...archive, consent: "yes" })).toThrow(ConsentRequiredError);
    expect(parseCaptureInput({ ...archive, consent: true })).toMatchObject({ kind: "archive", archiveName: "a" });
  });

  it("names bad fields as a validation error, not a consent one", () => {
    const bad = (body: object) => {
      try {
        parseCaptureInput(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).not.toBeInstanceOf(ConsentRequiredError);
        return (error as ValidationError).issues.map((i) => i.path);
      }
      throw new Error("accepted");
    };
    expect(bad({ ...archive, from: "noon", consent: true })).toEqual(["from"]);
    expect(bad({ kind: "live", busName: "b", durationSeconds: MAX_LIVE_SECONDS + 1, consent: true })).toEqual(["durationSeconds"]);
    expect(bad({ ...archive, consent: true, secretAccessKey: "x" })).toEqual(["(body)"]);
  });
});

describe("timingFor", () => {
  it("waits for AWS's propagation except against a loopback endpoint", () => {
    expect(timingFor({ region: "us-east-1" })).toBeUndefined();
    expect(timingFor({ region: "us-east-1", endpoint: "https://vpce-123.events.us-east-1.vpce.amazonaws.com" })).toBeUndefined();
    expect(timingFor({ region: "us-east-1", endpoint: "http://127.0.0.1:3000" })).toMatchObject({ ruleSettleMs: 0 });
    expect(timingFor({ region: "us-east-1", endpoint: "http://localhost:3000" })).toMatchObject({ drainQuietMs: 1500 });
  });
});
