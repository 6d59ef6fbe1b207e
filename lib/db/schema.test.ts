import { describe, expect, it } from "vitest";
import { MODELS_MARKER, modelsSection, schemaDrift } from "./schema-sync";

describe("SQLite and PostgreSQL schemas", () => {
  it("declare identical models and identically named migrations", () => {
    expect(schemaDrift()).toEqual([]);
  });

  it("compare everything from the models marker down", () => {
    const head = 'datasource db {\n  provider = "sqlite"\n}\n';
    expect(modelsSection(`${head}${MODELS_MARKER}\nmodel A { id String @id }\n`)).toBe(
      `${MODELS_MARKER}\nmodel A { id String @id }\n`,
    );
    expect(() => modelsSection(head)).toThrow(/models/);
  });
});
