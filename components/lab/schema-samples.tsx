"use client";

/**
 * Events from the schema registry: the schema browser plus "Generate sample", which turns the
 * schema's content into a realistic event (lib/lab's sampleFromSchema) and adds it to the set.
 *
 * Test ids: lab-schema-samples, lab-schema-note, plus SchemaBrowser's (schema-item, schema-action…).
 */
import { useState } from "react";
import type { SchemaDocument } from "@/components/schemas/api";
import { SchemaBrowser } from "@/components/schemas/schema-browser";
import { sampleFromSchema, type LabEvent, type SchemaSample } from "@/lib/lab";

/** A realistic event generated from a registry schema, as a lab event; throws SchemaSampleError. */
export function labEventFromSchema(schema: SchemaDocument): { event: LabEvent; sample: SchemaSample } {
  const sample = sampleFromSchema(schema.content);
  return { event: { id: `schema-${schema.name}`, name: `${schema.name} (sample)`, text: sample.event, origin: "schema" }, sample };
}

export function SchemaSamples({ onAdd }: { onAdd: (events: LabEvent[]) => void }) {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  return (
    <div data-testid="lab-schema-samples" className="space-y-2">
      <SchemaBrowser
        actionLabel="Generate sample"
        onSchemaAction={(schema) => {
          try {
            const { event, sample } = labEventFromSchema(schema);
            onAdd([event]);
            setNote({ text: `Added a sample of ${schema.name}${sample.warnings.length > 0 ? ` (${sample.warnings.join("; ")})` : ""}.`, error: false });
          } catch (error) {
            setNote({ text: (error as Error).message, error: true });
          }
        }}
      />
      {note && (
        <p data-testid="lab-schema-note" role={note.error ? "alert" : "status"} className={`text-xs ${note.error ? "text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-300"}`}>
          {note.text}
        </p>
      )}
    </div>
  );
}
