"use client";

/**
 * The designer's lab for a selected Custom Event Bus subscriber: its three scope filters and its
 * transform, on the design's samples, evaluated in the lab's Web Worker by lib/lab (lib/eventsv2's
 * filters and `applyTransform`, the code the local bus delivers with). Each sample is published
 * as PutEvents (an EventBridge event) or PutRawEvents (an entry with Data and SystemMetadata);
 * the selected one shows what each scope reads and what the target receives. Editing goes through
 * the editor store (undo, autosave and the inspector see the same filters and transform);
 * expectations ("should (not) match") are saved on the subscriber.
 *
 * Test ids: designer-lab-panel (data-node-id, data-kind="subscriber"), lab-counts
 * (data-matched, data-unmatched, data-invalid), subscriber-filter (data-scope; its textbox is
 * labelled "<scope> filter"), subscriber-filter-error (data-scope), subscriber-delivery-type,
 * subscriber-transform-type, subscriber-transform (editor "JSONata transform"),
 * subscriber-transform-error, subscriber-target-input (data-event-id), subscriber-scope-view
 * (data-scope), subscriber-sample-api, subscriber-save-samples, plus ResultList's and EventSetPanel's.
 */
import { useMemo, useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { CodeEditor } from "@/components/canvas/code-editor";
import { useEditor } from "@/components/canvas/editor-context";
import type { DeliveryType } from "@/lib/eventsv2/envelope";
import type { FilterScope, Problem, SubscriberNode, SubscriberTransform } from "@/lib/graph";
import type { LabEvent } from "@/lib/lab";
import type { SubscriberSampleResult } from "@/lib/lab/subscriber-preview";
import { appendEvents } from "./event-set";
import { EventSetPanel } from "./event-set-panel";
import { withExpectation } from "./expectations";
import { designSamples, LabPanelHeader, SampleCount } from "./lab-panel-header";
import { LAYOUT_CLASS, RESULTS_HEIGHT, type WorkbenchLayout } from "./lab-workbench";
import { VerdictCounts } from "./pattern-panel";
import { ResultList } from "./result-list";
import { Tabs } from "./tabs";
import { useDesignLabEvents, useWorkbenchBinding } from "./use-design-lab-events";
import { useSubscriberEvaluation } from "./use-subscriber-evaluation";
import type { SubscriberRequest, Verdict } from "./worker-protocol";

const SCOPES: readonly { scope: FilterScope; reads: string }[] = [
  { scope: "DATA", reads: "The payload: for PutEvents the whole EventBridge event (your fields under detail), for PutRawEvents the data exactly as sent." },
  { scope: "METADATA", reads: "The publisher's keys of a PutRawEvents entry (PutEvents events have none). Exact values only: no prefix, numeric, exists or $or." },
  { scope: "SYSTEM_METADATA", reads: "EventBridge's fields: ContentType, aws:EventId, aws:IngestionTime, aws:DeliveryType, EventGroupId, DeduplicationId." },
];

const TRANSFORMS: readonly { value: SubscriberTransform["type"]; label: string; create: () => SubscriberTransform }[] = [
  { value: "RAW", label: "The event data (RAW)", create: () => ({ type: "RAW" }) },
  { value: "WITH_METADATA", label: "Data with metadata (WITH_METADATA)", create: () => ({ type: "WITH_METADATA" }) },
  { value: "JSONATA", label: "A JSONata expression", create: () => ({ type: "JSONATA", expression: "{% $events.Data.detail %}" }) },
];

type Side = "target" | "scopes" | "events";
const SIDE_TABS = [
  { id: "target", title: "Target input" },
  { id: "scopes", title: "What each scope reads" },
  { id: "events", title: "Events" },
] as const;

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800";
const ERROR = "rounded-md bg-red-50 px-2 py-1 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200";
const CODE = "max-h-56 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-[11px] dark:bg-slate-800";

const json = (value: unknown) => (value === undefined ? "(nothing: the expression gives no value)" : JSON.stringify(value, null, 2));

/** A row's verdict for the shared result list: match, no match with the failing scope's reason, or why it cannot be published. */
function asVerdict(result: SubscriberSampleResult): Verdict | undefined {
  if (result.error !== undefined) return { matched: false, error: result.error };
  if (!result.verdict) return undefined;
  return result.verdict.matched ? { matched: true } : { matched: false, ...(result.verdict.reason === undefined ? {} : { reason: result.verdict.reason }) };
}

export function SubscriberLab({
  node,
  local,
  setLocal,
  controls,
  layout,
}: {
  node: SubscriberNode;
  local: readonly LabEvent[];
  setLocal: (events: readonly LabEvent[]) => void;
  controls?: ReactNode;
  layout: WorkbenchLayout;
}) {
  const updateNode = useEditor((s) => s.updateNode);
  const targetKind = useEditor(
    useShallow((s) => {
      const id = s.edges.find((e) => e.source === node.id && e.data?.kind === "invokes")?.target;
      return s.nodes.find((n) => n.id === id)?.data.node.kind;
    }),
  );
  const lab = useDesignLabEvents(node, local, setLocal);
  const { samples, events, unsaved, saveUnsaved } = lab;
  const binding = useWorkbenchBinding(lab);
  const { readOnly } = binding;
  const [deliveryType, setDeliveryType] = useState<DeliveryType>("LIVE");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [side, setSide] = useState<Side>("target");

  const request = useMemo<SubscriberRequest>(() => ({ filters: node.filters, transform: node.transform, options: { deliveryType } }), [node.filters, node.transform, deliveryType]);
  const answer = useSubscriberEvaluation(request, events);
  // Results belong to the set they were computed for; until the worker answers for a new set, none.
  const results = answer && answer.evaluation.results.length === events.length ? answer.evaluation.results : null;
  const problems = answer?.evaluation.problems ?? {};
  const valid = Object.keys(problems).length === 0;
  const verdicts = useMemo(() => (results && valid ? results.map((r) => asVerdict(r) ?? { matched: false }) : null), [results, valid]);
  const selectedIndex = Math.max(0, events.findIndex((e) => e.id === selectedId));
  const selected = events[selectedIndex];
  const selectedResult = results?.[selectedIndex];

  const changeFilter = (scope: FilterScope, text: string) => {
    const filters = { ...node.filters };
    if (text.trim() === "") delete filters[scope];
    else filters[scope] = text;
    updateNode({ ...node, filters }, `${node.id}:filters.${scope}`);
  };
  const changeTransform = (transform: SubscriberTransform, coalesceKey?: string) => updateNode({ ...node, transform }, coalesceKey);

  const filtersPart = (
    <section aria-label="Subscriber filters" className="flex min-w-0 flex-col gap-3">
      <VerdictCounts counts={answer?.evaluation.counts} eventCount={events.length} invalid="cannot be published" answer={answer} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        The subscriber receives an event when every filter matches (scopes are ANDed); with no filter it receives every event. An empty editor means no filter on that scope.
      </p>
      {SCOPES.map(({ scope, reads }) => {
        const text = node.filters[scope] ?? "";
        // Underline only a problem found in the text on screen (the worker may be one key behind).
        const first = answer?.request.filters[scope] === node.filters[scope] ? problems[scope]?.[0] : undefined;
        const marks: Problem[] = first ? [{ code: "invalid-filter-pattern", severity: "error", offset: first.offset, message: first.message }] : [];
        return (
          <div key={scope} data-testid="subscriber-filter" data-scope={scope} className="space-y-1">
            <p className="text-xs">
              <span className="font-semibold">{scope}</span> <span className="text-slate-600 dark:text-slate-400">{reads}</span>
            </p>
            <CodeEditor value={text} onChange={(next) => changeFilter(scope, next)} problems={marks} readOnly={readOnly ?? false} label={`${scope} filter`} onUndo={binding.onUndo ?? (() => {})} onRedo={binding.onRedo ?? (() => {})} />
            {first && (
              <p role="alert" data-testid="subscriber-filter-error" data-scope={scope} className={ERROR}>
                {scope} filter is not valid. Reason: {first.message}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );

  const resultsPart = (
    <div className="flex min-w-0 flex-col gap-2">
      <label className="flex items-center gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-300">Delivered</span>
        <select aria-label="Delivery type" data-testid="subscriber-delivery-type" value={deliveryType} onChange={(e) => setDeliveryType(e.target.value as DeliveryType)} className={FIELD}>
          <option value="LIVE">live (aws:DeliveryType LIVE)</option>
          <option value="REPLAY">by a replay (aws:DeliveryType REPLAY)</option>
        </select>
      </label>
      <ResultList
        events={events}
        verdicts={verdicts}
        expectations={binding.expectations}
        onExpect={(id, expect) => binding.onExpectationsChange(withExpectation(binding.expectations, id, expect))}
        selectedId={selected?.id ?? null}
        onSelect={setSelectedId}
        onRemove={readOnly ? undefined : (id) => binding.onEventsChange(events.filter((e) => e.id !== id))}
        height={RESULTS_HEIGHT[layout]}
      />
    </div>
  );

  const aside = (
    <div className="flex min-w-0 flex-col gap-2">
      <Tabs label="Subscriber tools" testId="subscriber-side-tabs" tabs={SIDE_TABS} value={side} onChange={setSide} />
      {side === "target" && (
        <TransformPart
          node={node}
          readOnly={readOnly}
          onChange={changeTransform}
          onUndo={binding.onUndo}
          onRedo={binding.onRedo}
          answerTransform={answer?.request.transform}
          event={selected}
          result={selectedResult}
          lambdaTarget={targetKind === "lambda"}
        />
      )}
      {side === "scopes" && <ScopeViews event={selected} result={selectedResult} />}
      {side === "events" && <EventSetPanel count={events.length} onAdd={(added) => binding.onEventsChange(appendEvents(events, added))} onClear={() => binding.onEventsChange([])} />}
    </div>
  );

  return (
    <div data-testid="designer-lab-panel" data-node-id={node.id} data-kind="subscriber" className="text-slate-900 dark:text-slate-100">
      <LabPanelHeader controls={controls}>
        <h2 className="font-semibold [overflow-wrap:anywhere]">Lab: subscriber {node.name}</h2>
        <SampleCount label={designSamples(samples.length)} unsaved={unsaved.length} readOnly={readOnly ?? false} onSave={saveUnsaved} saveTestId="subscriber-save-samples" />
      </LabPanelHeader>
      <div className={`p-3 ${LAYOUT_CLASS[layout]}`}>
        {filtersPart}
        {resultsPart}
        {aside}
      </div>
    </div>
  );
}

function TransformPart({
  node,
  readOnly,
  onChange,
  onUndo,
  onRedo,
  answerTransform,
  event,
  result,
  lambdaTarget,
}: {
  node: SubscriberNode;
  readOnly: boolean | undefined;
  onChange: (transform: SubscriberTransform, coalesceKey?: string) => void;
  onUndo?: () => void;
  onRedo?: () => void;
  answerTransform: SubscriberTransform | undefined;
  event: LabEvent | undefined;
  result: SubscriberSampleResult | undefined;
  lambdaTarget: boolean;
}) {
  const transform = node.transform;
  const delivery = result?.delivery;
  // The error's offset is into the text that was evaluated: underline it only while that text is on screen.
  const current = answerTransform !== undefined && JSON.stringify(answerTransform) === JSON.stringify(transform);
  const error = current && delivery && !delivery.ok ? delivery.error : undefined;
  const marks: Problem[] = error?.offset === undefined ? [] : [{ code: "invalid-transform", severity: "error", offset: error.offset, message: error.message }];
  return (
    <section aria-label="Transform" className="space-y-2 text-sm">
      <label className="block">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Transform: what the target receives</span>
        <select
          aria-label="Transform"
          data-testid="subscriber-transform-type"
          disabled={readOnly}
          value={transform.type}
          onChange={(e) => onChange(TRANSFORMS.find((t) => t.value === e.target.value)!.create())}
          className={`w-full ${FIELD}`}
        >
          {TRANSFORMS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {transform.type === "JSONATA" && (
        <div data-testid="subscriber-transform" className="space-y-1">
          <p className="text-xs text-slate-600 dark:text-slate-400">One expression in {"{% … %}"}; the event is $events (Data, Metadata, SystemMetadata).</p>
          <CodeEditor
            value={transform.expression}
            onChange={(expression) => onChange({ type: "JSONATA", expression }, `${node.id}:transform.expression`)}
            problems={marks}
            readOnly={readOnly ?? false}
            label="JSONata transform"
            onUndo={onUndo ?? (() => {})}
            onRedo={onRedo ?? (() => {})}
          />
        </div>
      )}
      {error && (
        <p role="alert" data-testid="subscriber-transform-error" className={ERROR}>
          {error.message}
          {error.offset !== undefined && ` (at character ${error.offset + 1})`}
        </p>
      )}
      {event === undefined ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Add a sample event to see what the target receives.</p>
      ) : result?.error !== undefined ? (
        <p className="text-xs text-amber-800 dark:text-amber-300">{event.name} cannot be published: {result.error}</p>
      ) : delivery?.ok ? (
        <div>
          <p className="text-xs font-medium text-slate-600 dark:text-slate-300">
            {result?.verdict?.matched === false ? `${event.name} is filtered out; were it delivered, the target would receive` : `For ${event.name} the target receives`}
          </p>
          <pre tabIndex={0} data-testid="subscriber-target-input" data-event-id={event.id} className={CODE}>
            {json(delivery.output)}
          </pre>
          {lambdaTarget && (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">A Lambda function receives its events in batches: this is one element of the JSON array it is invoked with.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function ScopeViews({ event, result }: { event: LabEvent | undefined; result: SubscriberSampleResult | undefined }) {
  if (event === undefined || result === undefined) return <p className="text-xs text-slate-500 dark:text-slate-400">Select a sample to see what each scope reads.</p>;
  if (result.error !== undefined) return <p className="text-xs text-amber-800 dark:text-amber-300">{event.name} cannot be published: {result.error}</p>;
  return (
    <div className="space-y-2 text-sm">
      <p data-testid="subscriber-sample-api" className="text-xs text-slate-600 dark:text-slate-400">
        {event.name} is published with <span className="font-semibold text-slate-900 dark:text-slate-100">{result.api}</span>
        {result.api === "PutEvents" ? ": its fields sit under Data.detail." : ": its fields sit at the top of Data."}
      </p>
      {SCOPES.map(({ scope }) => {
        const view = result.views?.[scope];
        const verdict = result.verdict?.scopes.find((s) => s.scope === scope);
        return (
          <div key={scope} data-testid="subscriber-scope-view" data-scope={scope}>
            <p className="text-xs font-semibold">
              {scope}
              {verdict && <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">{verdict.outcome === "match" ? "filter matches" : (verdict.reason ?? "filter does not match")}</span>}
            </p>
            {view === null ? (
              <p className="text-xs text-slate-500 dark:text-slate-400">{scope === "METADATA" ? "Nothing to read: the event has no metadata (PutEvents events never carry any)." : "Nothing to read: the data is application/octet-stream bytes."}</p>
            ) : (
              <pre tabIndex={0} className={CODE}>
                {JSON.stringify(view, null, 2)}
              </pre>
            )}
          </div>
        );
      })}
    </div>
  );
}
