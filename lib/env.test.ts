import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("has working defaults for every variable", () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: `file:${path.join(process.cwd(), "data", "switchyard.db")}`,
      HOST: "127.0.0.1",
      PORT: 3000,
    });
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", HOST: "", PORT: "" }).PORT).toBe(3000);
  });

  it("accepts PostgreSQL URLs and coerces PORT", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/sy", HOST: "0.0.0.0", PORT: "8080" });
    expect(env).toEqual({ DATABASE_URL: "postgresql://u:p@db:5432/sy", HOST: "0.0.0.0", PORT: 8080 });
  });

  it("names every bad variable in one error, without the password", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://root:topsecret@db/sy", PORT: "http" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/PORT/);
    expect(message).not.toContain("topsecret");
  });
});
