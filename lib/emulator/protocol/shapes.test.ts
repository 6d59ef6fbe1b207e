/**
 * The model check's rules on a small model: AWS's ValidationException format (CommonErrors,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html), every violation
 * at once in member order, lists and maps, sensitive members, and SerializationException for a
 * member of the wrong JSON type.
 */
import { describe, expect, it } from "vitest";
import { AwsError } from "./errors";
import { checkInput, type ServiceModel } from "./shapes";

const MODEL: ServiceModel = {
  operations: { Put: "PutRequest", Nothing: null },
  shapes: {
    PutRequest: { type: "structure", members: { Name: "Name", Mode: "Mode", Items: "Items", Ids: "Ids", Labels: "Labels", Secret: "Secret", Size: "Size", Tag: "Tag" }, required: ["Name", "Mode"] },
    Name: { type: "string", min: 1, max: 5, pattern: "[a-z]+" },
    Mode: { type: "string", enum: ["FAST", "SLOW", "OFF"], enumInMessages: ["OFF", "FAST", "SLOW"] },
    Items: { type: "list", member: "Item", max: 2 },
    Item: { type: "structure", members: { Key: "Name", Count: "Size" }, required: ["Key"] },
    Ids: { type: "list", member: "Name" },
    Labels: { type: "map", key: "Name", value: "Name" },
    Secret: { type: "string", pattern: "[a-z]+", sensitive: true },
    Size: { type: "integer", min: 1, max: 10 },
    Tag: { type: "string", pattern: "\\p{L}+" },
  },
};

function message(body: Record<string, unknown>): string {
  try {
    checkInput(MODEL, "Put", body);
  } catch (error) {
    if (error instanceof AwsError) return `${error.type}: ${error.message}`;
    throw error;
  }
  return "valid";
}

describe("checkInput", () => {
  it("accepts a valid input, and ignores members the model does not have", () => {
    expect(message({ Name: "abc", Mode: "FAST", Items: [{ Key: "k", Count: 3 }], Unknown: 1 })).toBe("valid");
    expect(() => checkInput(MODEL, "Nothing", {})).not.toThrow();
  });

  it("reports every violation at once: member order, pattern before length, missing members as null", () => {
    expect(message({ Name: "TOOLONG", Size: 0 })).toBe(
      "ValidationException: 4 validation errors detected: " +
        "Value 'TOOLONG' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
        "Value 'TOOLONG' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5; " +
        "Value null at 'mode' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'size' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("says '1 validation error' for one, and lists an enum in AWS's message order", () => {
    expect(message({ Name: "a", Mode: "ON" })).toBe(
      "ValidationException: 1 validation error detected: Value 'ON' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FAST, SLOW]",
    );
  });

  it("reaches into list items by `list.N.member` and shows a list as Java does", () => {
    expect(message({ Name: "a", Mode: "OFF", Items: [{ Key: "ok" }, { Count: 11 }, { Key: "x" }] })).toBe(
      "ValidationException: 3 validation errors detected: " +
        "Value '[Item(key=ok, count=null), Item(key=null, count=11), Item(key=x, count=null)]' at 'items' failed to satisfy constraint: Member must have length less than or equal to 2; " +
        "Value null at 'items.2.member.key' failed to satisfy constraint: Member must not be null; " +
        "Value '11' at 'items.2.member.count' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
  });

  it("reports a list of plain values once with every constraint of its members, and a map's keys and values", () => {
    expect(message({ Name: "a", Mode: "OFF", Ids: ["ok", "NO"] })).toBe(
      "ValidationException: 1 validation error detected: Value '[ok, NO]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 5, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [a-z]+]",
    );
    expect(message({ Name: "a", Mode: "OFF", Labels: { Bad: "ok", fine: "toolong" } })).toBe(
      "ValidationException: 2 validation errors detected: " +
        "Value '{Bad=ok, fine=toolong}' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 5, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [a-z]+]; " +
        "Value '{Bad=ok, fine=toolong}' at 'labels' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 5, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [a-z]+]",
    );
  });

  it("never echoes a sensitive value", () => {
    expect(message({ Name: "a", Mode: "OFF", Secret: "HUNTER2" })).toBe(
      "ValidationException: 1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+",
    );
  });

  it("tests Java's Unicode classes (\\p{L}) as Java does", () => {
    expect(message({ Name: "a", Mode: "OFF", Tag: "Ærø" })).toBe("valid");
    expect(message({ Name: "a", Mode: "OFF", Tag: "a1" })).toMatch(/at 'tag' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p\{L\}\+$/);
  });

  it("answers a member of the wrong JSON type with a SerializationException naming it", () => {
    expect(message({ Name: 5, Mode: "OFF" })).toBe("SerializationException: Expected a string at 'name', got the number 5.");
    expect(message({ Name: "a", Mode: "OFF", Size: 1.5 })).toBe("SerializationException: Expected an integer at 'size', got a number.");
    expect(message({ Name: "a", Mode: "OFF", Items: {} })).toBe("SerializationException: Expected a list at 'items', got an object.");
    expect(message({ Name: "a", Mode: "OFF", Items: ["x"] })).toBe("SerializationException: Expected an object at 'items.1.member', got a string.");
  });
});
