"use client";

/**
 * What a target would receive for the selected event: the matched event, an InputPath's
 * selection, a constant Input or an InputTransformer's filled template, computed by lib/transform
 * (the code the local bus delivers with), with AWS's error text when the input is invalid.
 *
 * Test ids: transform-preview, transform-mode (select), transform-input-path, transform-input,
 * transform-paths-map, transform-template, transform-output (pre), transform-error.
 */
import { useMemo } from "react";
import type { InputMode } from "@/lib/graph";
import { renderTargetInput, TargetInputError, UndeliverableInputError, validateTargetInput, type TargetInputSpec } from "@/lib/transform";

const FIELD =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 disabled:opacity-70 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

export const MATCHED_EVENT: InputMode = { type: "matched-event" };

/** The AWS Target input fields a design's input mode stands for. */
export function targetInputSpec(mode: InputMode): TargetInputSpec {
  switch (mode.type) {
    case "matched-event":
      return {};
    case "input-path":
      return { inputPath: mode.inputPath };
    case "constant":
      return { input: mode.input };
    case "input-transformer":
      return { inputTransformer: { inputPathsMap: mode.inputPathsMap, inputTemplate: mode.inputTemplate } };
  }
}

export type PreviewOutcome = { ok: true; payload: string | undefined } | { ok: false; message: string };

/** The payload, or AWS's error for the input (PutTargets' validation first), or why AWS would deliver nothing. */
export function previewPayload(mode: InputMode, eventText: string, ruleName: string): PreviewOutcome {
  try {
    const spec = targetInputSpec(mode);
    validateTargetInput("lab-target", spec);
    const ruleArn = `arn:aws:events:us-east-1:000000000000:rule/${ruleName}`;
    return { ok: true, payload: renderTargetInput(spec, eventText, { ruleArn, ruleName, ingestionTime: new Date(0).toISOString() }) };
  } catch (error) {
    if (error instanceof TargetInputError || error instanceof UndeliverableInputError || error instanceof SyntaxError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload; // a string template is delivered as written
  }
}

const DEFAULTS: Record<InputMode["type"], InputMode> = {
  "matched-event": MATCHED_EVENT,
  "input-path": { type: "input-path", inputPath: "$.detail" },
  constant: { type: "constant", input: '{"hello":"world"}' },
  "input-transformer": { type: "input-transformer", inputPathsMap: { source: "$.source" }, inputTemplate: '{"from": <source>, "rule": "<aws.events.rule-name>"}' },
};

export interface TransformPreviewProps {
  mode: InputMode;
  /** Absent: the mode is read-only (it belongs to a design's target). */
  onModeChange?: (mode: InputMode) => void;
  eventText: string | undefined;
  ruleName: string;
}

export function TransformPreview({ mode, onModeChange, eventText, ruleName }: TransformPreviewProps) {
  const outcome = useMemo(() => (eventText === undefined ? null : previewPayload(mode, eventText, ruleName)), [mode, eventText, ruleName]);
  const readOnly = onModeChange === undefined;
  return (
    <div data-testid="transform-preview" className="space-y-2 text-sm">
      <label className="block">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Target input</span>
        <select
          aria-label="Target input"
          data-testid="transform-mode"
          disabled={readOnly}
          className={FIELD}
          value={mode.type}
          onChange={(e) => onModeChange?.(DEFAULTS[e.target.value as InputMode["type"]])}
        >
          <option value="matched-event">Matched event</option>
          <option value="input-path">Part of the event (InputPath)</option>
          <option value="constant">Constant (Input)</option>
          <option value="input-transformer">Input transformer</option>
        </select>
      </label>
      <ModeFields mode={mode} onModeChange={onModeChange} />
      {eventText === undefined ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Select an event to see what the target receives.</p>
      ) : outcome && !outcome.ok ? (
        <p role="alert" data-testid="transform-error" className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          {outcome.message}
        </p>
      ) : (
        <div>
          <p className="text-xs font-medium text-slate-600 dark:text-slate-300">The target receives</p>
          <pre data-testid="transform-output" className="max-h-64 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-[11px] dark:bg-slate-800">
            {outcome?.ok && outcome.payload !== undefined ? pretty(outcome.payload) : "(nothing: the InputPath selects no value)"}
          </pre>
        </div>
      )}
    </div>
  );
}

function ModeFields({ mode, onModeChange }: { mode: InputMode; onModeChange?: (mode: InputMode) => void }) {
  const readOnly = onModeChange === undefined;
  switch (mode.type) {
    case "matched-event":
      return null;
    case "input-path":
      return (
        <input
          aria-label="InputPath"
          data-testid="transform-input-path"
          readOnly={readOnly}
          className={FIELD}
          value={mode.inputPath}
          onChange={(e) => onModeChange?.({ ...mode, inputPath: e.target.value })}
        />
      );
    case "constant":
      return (
        <textarea
          aria-label="Input"
          data-testid="transform-input"
          readOnly={readOnly}
          rows={3}
          className={FIELD}
          value={mode.input}
          onChange={(e) => onModeChange?.({ ...mode, input: e.target.value })}
        />
      );
    case "input-transformer":
      return <TransformerFields mode={mode} onModeChange={onModeChange} />;
  }
}

/** The paths map is edited as `name = $.path` lines, the template as text. */
function TransformerFields({ mode, onModeChange }: { mode: Extract<InputMode, { type: "input-transformer" }>; onModeChange?: (mode: InputMode) => void }) {
  const readOnly = onModeChange === undefined;
  const lines = Object.entries(mode.inputPathsMap)
    .map(([key, path]) => `${key} = ${path}`)
    .join("\n");
  const parseLines = (text: string): Record<string, string> =>
    Object.fromEntries(
      text
        .split("\n")
        .map((line) => line.split("="))
        .filter((parts) => parts.length >= 2 && parts[0]!.trim() !== "")
        .map(([key, ...rest]) => [key!.trim(), rest.join("=").trim()]),
    );
  return (
    <>
      <label className="block">
        <span className="text-xs text-slate-600 dark:text-slate-300">Paths map (one “name = $.path” a line)</span>
        <textarea
          aria-label="Input paths map"
          data-testid="transform-paths-map"
          readOnly={readOnly}
          rows={3}
          className={FIELD}
          {...(readOnly ? { value: lines } : { defaultValue: lines })}
          onChange={(e) => onModeChange?.({ ...mode, inputPathsMap: parseLines(e.target.value) })}
        />
      </label>
      <label className="block">
        <span className="text-xs text-slate-600 dark:text-slate-300">Template</span>
        <textarea
          aria-label="Input template"
          data-testid="transform-template"
          readOnly={readOnly}
          rows={3}
          className={FIELD}
          value={mode.inputTemplate}
          onChange={(e) => onModeChange?.({ ...mode, inputTemplate: e.target.value })}
        />
      </label>
    </>
  );
}
