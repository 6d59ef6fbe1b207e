"use client";

/**
 * A small schema registry browser: registry → schemas (with search) → the schema's content.
 * Works against AWS when the server has a connection, else on the schemas bundled with the app.
 * `onSchemaAction` adds a button under the content (the lab: "Generate sample").
 *
 * Test ids: schema-browser, schema-registry (select), schema-search (input), schema-list,
 * schema-item (one per schema, data-name), schema-content (pre), schema-action (button).
 */
import { useEffect, useState } from "react";
import { describeSchema, listRegistries, listSchemas, type RegistrySource, type SchemaDocument, type SchemaSummary } from "./api";

export interface SchemaBrowserProps {
  /** A button shown under an opened schema, e.g. "Generate sample". */
  actionLabel?: string;
  onSchemaAction?: (schema: SchemaDocument) => void;
}

const FIELD =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

export function SchemaBrowser({ actionLabel, onSchemaAction }: SchemaBrowserProps) {
  const [source, setSource] = useState<RegistrySource | undefined>(undefined);
  const [awsConfigured, setAwsConfigured] = useState(false);
  const [registries, setRegistries] = useState<string[]>([]);
  const [registry, setRegistry] = useState("");
  const [keywords, setKeywords] = useState("");
  const [schemas, setSchemas] = useState<SchemaSummary[]>([]);
  const [open, setOpen] = useState<SchemaDocument | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listRegistries(source)
      .then((answer) => {
        if (!live) return;
        setAwsConfigured(answer.awsConfigured);
        setRegistries(answer.registries);
        setRegistry((current) => (answer.registries.includes(current) ? current : (answer.registries[0] ?? "")));
        setError(null);
      })
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [source]);

  useEffect(() => {
    if (registry === "") return;
    let live = true;
    // A short pause so a search runs once per typed word, not per key.
    const timer = setTimeout(() => {
      listSchemas(registry, keywords, source)
        .then((found) => {
          if (!live) return;
          setSchemas(found);
          setError(null);
        })
        .catch((e: unknown) => live && setError((e as Error).message));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [registry, keywords, source]);

  const openSchema = (name: string) => {
    describeSchema(registry, name, source)
      .then((schema) => {
        setOpen(schema);
        setError(null);
      })
      .catch((e: unknown) => setError((e as Error).message));
  };

  return (
    <div data-testid="schema-browser" className="space-y-2 text-sm">
      <div className="flex gap-2">
        <label className="flex-1">
          <span className="sr-only">Registry</span>
          <select aria-label="Registry" data-testid="schema-registry" className={FIELD} value={registry} onChange={(e) => setRegistry(e.target.value)}>
            {registries.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {awsConfigured && (
          <select aria-label="Schema source" className={`${FIELD} w-28`} value={source ?? "aws"} onChange={(e) => setSource(e.target.value as RegistrySource)}>
            <option value="aws">AWS</option>
            <option value="bundled">Bundled</option>
          </select>
        )}
      </div>
      {!awsConfigured && <p className="text-xs text-slate-500 dark:text-slate-400">AWS is not configured: showing the schemas bundled with the app.</p>}
      <input
        aria-label="Search schemas"
        data-testid="schema-search"
        placeholder="Search schemas"
        className={FIELD}
        value={keywords}
        onChange={(e) => setKeywords(e.target.value)}
      />
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <ul data-testid="schema-list" aria-label="Schemas" className="max-h-48 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700">
        {schemas.length === 0 && <li className="px-2 py-1 text-slate-500 dark:text-slate-400">No schemas</li>}
        {schemas.map((schema) => (
          <li key={schema.name}>
            <button
              type="button"
              data-testid="schema-item"
              data-name={schema.name}
              title={schema.description}
              onClick={() => openSchema(schema.name)}
              className={`block w-full truncate px-2 py-1 text-left font-mono text-xs hover:bg-slate-100 dark:hover:bg-slate-800 ${open?.name === schema.name ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}
            >
              {schema.name}
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <div className="space-y-1">
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {open.name} · version {open.version} · {open.type}
          </p>
          <pre data-testid="schema-content" className="max-h-56 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-[11px] dark:bg-slate-800">
            {open.content}
          </pre>
          {onSchemaAction && (
            <button
              type="button"
              data-testid="schema-action"
              onClick={() => onSchemaAction(open)}
              className="rounded-md bg-indigo-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-indigo-500"
            >
              {actionLabel ?? "Use schema"}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
