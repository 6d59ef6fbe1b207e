import { describe, expect, it, vi } from "vitest";
import { NotFoundError, ValidationError } from "../errors";
import { MAX_JSON_DEPTH, readJsonBody, route } from "./route";

describe("route", () => {
  it("answers what the handler answers, and any error through the one mapping", async () => {
    const ok = route(async (request: Request) => Response.json({ method: request.method }));
    expect(await (await ok(new Request("http://x/", { method: "PUT" }))).json()).toEqual({ method: "PUT" });
    const missing = route(async () => {
      throw new NotFoundError("Design d does not exist");
    });
    const response = await missing();
    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({ code: "not_found", message: "Design d does not exist", issues: [] });
  });

  it("hides an unexpected failure behind a 500 without its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await route(() => {
      throw new Error("secret detail");
    })();
    log.mockRestore();
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret detail");
  });
});

describe("readJsonBody", () => {
  const request = (body: string) => new Request("http://localhost/", { method: "POST", body });

  it("parses JSON", async () => {
    expect(await readJsonBody(request('{"a":1}'))).toEqual({ a: 1 });
  });

  it("rejects an empty body (or reads it as {} where the body is optional) and text that is not JSON", async () => {
    await expect(readJsonBody(request(""))).rejects.toThrow(/empty/);
    expect(await readJsonBody(request(" "), { optional: true })).toEqual({});
    await expect(readJsonBody(request("{oops"))).rejects.toBeInstanceOf(ValidationError);
    await expect(readJsonBody(request("{oops"))).rejects.toThrow(/not valid JSON/);
  });

  it("refuses JSON nested deeper than it reads, brackets inside strings aside", async () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`;
    await expect(readJsonBody(request(deep))).rejects.toThrow(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    const fine = `${"[".repeat(MAX_JSON_DEPTH)}"[[[\\"{{{"${"]".repeat(MAX_JSON_DEPTH)}`;
    expect(await readJsonBody(request(fine))).toBeInstanceOf(Array);
  });
});
