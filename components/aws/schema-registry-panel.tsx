"use client";

/**
 * The schema registry on the AWS page: browse registries, search and view schemas (AWS's registry
 * when a connection is configured, the bundled schemas otherwise) and send a generated sample to
 * the lab. The sample travels in a lab link (the URL fragment), so nothing is stored on the way.
 *
 * Test ids: aws-schema-registry, aws-schema-error, plus SchemaBrowser's (schema-item, schema-action…).
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { labEventFromSchema } from "@/components/lab/schema-samples";
import { SchemaBrowser } from "@/components/schemas/schema-browser";
import { encodeLabLink } from "@/lib/lab";

export function SchemaRegistryPanel() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <section data-testid="aws-schema-registry" aria-labelledby="aws-schema-registry-title" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <h2 id="aws-schema-registry-title" className="text-lg font-semibold">
        Schema registry
      </h2>
      <SchemaBrowser
        actionLabel="Send a sample to the lab"
        onSchemaAction={(schema) => {
          try {
            const { event, sample } = labEventFromSchema(schema);
            // A first pattern that matches the sample, to edit from there.
            const pattern = sample.source === undefined ? '{"source": [{"exists": true}]}' : JSON.stringify({ source: [sample.source] });
            router.push(`/lab#${encodeLabLink({ pattern, events: [event], expectations: {} })}`);
          } catch (failure) {
            setError((failure as Error).message);
          }
        }}
      />
      {error && (
        <p data-testid="aws-schema-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </section>
  );
}
