import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError, NotFoundError, ValidationError, errorResponse } from "./errors";

describe("errorResponse", () => {
  it("maps each domain error to its status with its message", async () => {
    const cases: [Error, number, string][] = [
      [new ValidationError("name must not be empty", [{ path: "name", message: "must not be empty" }]), 422, "validation"],
      [new NotFoundError("Design x does not exist"), 404, "not_found"],
      [new ConflictError("stale"), 409, "conflict"],
      [new ValidationError("needs consent", [], { code: "consent_required", status: 400 }), 400, "consent_required"],
    ];
    for (const [error, status, code] of cases) {
      const response = errorResponse(error);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message).toBe(error.message);
    }
  });

  it("turns zod errors into a validation response naming each field", async () => {
    const result = z.strictObject({ name: z.string(), size: z.number() }).safeParse({ size: "big" });
    expect(result.success).toBe(false);
    const response = errorResponse(result.error);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["name", "size"]);
    expect(body.error.message).toMatch(/^Invalid request: name: .*; size: /);
  });

  it("hides the internals of unknown errors", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("connection string postgres://admin:hunter2@db"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error).toEqual({ code: "internal", message: "Internal server error" });
    log.mockRestore();
  });
});
