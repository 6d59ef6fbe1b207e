"use client";

/**
 * The pattern lab: pattern editor with live counts, the verdict of every event, and for the
 * selected event its explanation, the pattern builder and the target input preview. Controlled:
 * the lab page keeps its state in the page (and the link), the designer panel in the design.
 *
 * Test ids: lab-workbench, lab-criteria-error (other filter criteria that are not valid), lab-kind (select of what the events are, when changeable), lab-side-tabs (tablist: Events, Explain, Builder, Target input), plus
 * those of PatternPanel, ResultList, EventSetPanel, ExplainPanel, PatternBuilder, TransformPreview.
 */
import { useState, type ReactNode } from "react";
import type { EventKind, LabEvent } from "@/lib/lab";
import { appendEvents } from "./event-set";
import { EventSetPanel } from "./event-set-panel";
import { withExpectation, type ExpectationMap } from "./expectations";
import { ExplainPanel } from "./explain-panel";
import { PatternBuilder } from "./pattern-builder";
import { PatternPanel } from "./pattern-panel";
import { ResultList } from "./result-list";
import { Tabs } from "./tabs";
import { useLabEvaluation } from "./use-lab-evaluation";

type Side = "events" | "explain" | "builder" | "target";

const SIDE_TABS = [
  { id: "events", title: "Events" },
  { id: "explain", title: "Explain" },
  { id: "builder", title: "Builder" },
  { id: "target", title: "Target input" },
] as const;

export interface LabWorkbenchProps {
  pattern: string;
  /** `step`: a change of its own in the undo history (the builder's), not merged with typing. */
  onPatternChange: (pattern: string, options?: { step?: boolean }) => void;
  onUndo?: () => void;
  onRedo?: () => void;
  events: readonly LabEvent[];
  onEventsChange: (events: LabEvent[]) => void;
  expectations: ExpectationMap;
  onExpectationsChange: (expectations: ExpectationMap) => void;
  /** The target input preview for the selected event. */
  renderTarget: (event: LabEvent | undefined) => ReactNode;
  readOnly?: boolean;
  /** What the events are (default EventBridge events); stream records are matched as Lambda filters them. */
  kind?: EventKind;
  /** Offers the choice of kind when given. */
  onKindChange?: (kind: EventKind) => void;
  /**
   * A stream source's filter criteria, `pattern` (the one being edited) among them: a record passes
   * when any matches, and rows speak of passing and being filtered out.
   */
  anyOf?: readonly string[];
  /** How the parts sit: see WorkbenchLayout. */
  layout?: WorkbenchLayout;
}

/**
 * "page": pattern and verdicts, tools beside them (the /lab page); "columns": pattern, verdicts and
 * tools side by side, for a wide, short panel (the designer's lab docked under the canvas), so the
 * first verdicts show without scrolling; "stack": one column (docked beside the canvas).
 */
export type WorkbenchLayout = "page" | "columns" | "stack";

export const LAYOUT_CLASS: Record<WorkbenchLayout, string> = {
  page: "grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]",
  columns: "grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)_minmax(0,0.9fr)]",
  stack: "flex flex-col gap-4",
};
/** The verdict list's height: short where the panel is. */
export const RESULTS_HEIGHT: Record<WorkbenchLayout, number> = { page: 460, columns: 260, stack: 300 };

const NOTHING = () => {};

export function LabWorkbench(props: LabWorkbenchProps) {
  const { pattern, onPatternChange, events, onEventsChange, expectations, onExpectationsChange, readOnly = false, layout = "page" } = props;
  const kind = props.kind ?? "eventbridge";
  const answer = useLabEvaluation(pattern, events, kind, props.anyOf);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [side, setSide] = useState<Side>("events");
  const selected = events.find((e) => e.id === selectedId);
  // Verdicts belong to the set they were computed for; until the worker answers for a new set, none.
  const verdicts = answer && answer.verdicts && answer.verdicts.length === events.length ? answer.verdicts : null;

  const patternPart = (
    <div className="flex min-w-0 flex-col gap-3">
      {props.onKindChange && <KindPicker kind={kind} onChange={props.onKindChange} />}
      <PatternPanel
        pattern={pattern}
        onChange={(text) => onPatternChange(text)}
        answer={answer}
        eventCount={events.length}
        readOnly={readOnly}
        onUndo={props.onUndo ?? NOTHING}
        onRedo={props.onRedo ?? NOTHING}
      />
      {answer?.otherProblems !== undefined && answer.otherProblems.length > 0 && (
        <p role="alert" data-testid="lab-criteria-error" className="whitespace-pre-line rounded-md bg-red-50 px-2 py-1 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          {answer.otherProblems.map((p) => `${p} (no verdicts until it is valid)`).join("\n")}
        </p>
      )}
    </div>
  );

  const results = (
    <ResultList
      wording={props.anyOf === undefined ? "rule" : "filter"}
      events={events}
      verdicts={verdicts}
      expectations={expectations}
      onExpect={(id, expect) => onExpectationsChange(withExpectation(expectations, id, expect))}
      selectedId={selectedId}
      onSelect={setSelectedId}
      onRemove={readOnly ? undefined : (id) => onEventsChange(events.filter((e) => e.id !== id))}
      height={RESULTS_HEIGHT[layout]}
    />
  );

  const aside = (
    <div className="flex min-w-0 flex-col gap-2">
      <Tabs label="Lab tools" testId="lab-side-tabs" tabs={SIDE_TABS} value={side} onChange={setSide} />
      <div className="min-h-0">
        {side === "events" && <EventSetPanel count={events.length} onAdd={(added) => onEventsChange(appendEvents(events, added))} onClear={() => onEventsChange([])} />}
        {side === "explain" && <ExplainPanel pattern={pattern} event={selected} kind={kind} />}
        {side === "builder" && <PatternBuilder event={selected} pattern={pattern} onPatternChange={(text) => onPatternChange(text, { step: true })} readOnly={readOnly} />}
        {side === "target" && props.renderTarget(selected)}
      </div>
    </div>
  );

  return (
    <div data-testid="lab-workbench" data-layout={layout} className={LAYOUT_CLASS[layout]}>
      {layout === "page" ? (
        <div className="flex min-w-0 flex-col gap-3">
          {patternPart}
          {results}
        </div>
      ) : (
        <>
          {patternPart}
          {results}
        </>
      )}
      {aside}
    </div>
  );
}

const KINDS: readonly { id: EventKind; title: string }[] = [
  { id: "eventbridge", title: "EventBridge events (rule pattern)" },
  { id: "kafka", title: "Kafka records (Lambda filter on the decoded value)" },
  { id: "sqs", title: "SQS messages (Lambda filter on the parsed body)" },
  { id: "kinesis", title: "Kinesis records (Lambda filter on the decoded data)" },
  { id: "dynamodb", title: "DynamoDB stream records (Lambda filter)" },
];

function KindPicker({ kind, onChange }: { kind: EventKind; onChange: (kind: EventKind) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600 dark:text-slate-300">The events are</span>
      <select
        aria-label="Event kind"
        data-testid="lab-kind"
        value={kind}
        onChange={(e) => onChange(e.target.value as EventKind)}
        className="rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
      >
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>
            {k.title}
          </option>
        ))}
      </select>
    </label>
  );
}
