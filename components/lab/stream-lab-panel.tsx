"use client";

/**
 * The designer's lab for a selected stream source (Kafka topic, SQS queue, Kinesis stream,
 * DynamoDB stream): its filter criteria against its records, judged as Lambda filters them — a
 * record passes when ANY criterion matches, and with no criteria every record passes. One
 * criterion at a time is in the editor; editing, adding and removing go through the editor store
 * (undo, autosave and the inspector's "Filter criteria" see the same list). The records are the
 * design's samples this node produces plus records added here; expectations ("should pass" /
 * "should be filtered out") are saved on the node, added records as samples produced by it.
 *
 * Test ids: designer-lab-panel (data-node-id, data-kind), stream-lab-criteria, stream-lab-criterion
 * (data-index, aria-pressed), stream-lab-add-criterion, stream-lab-remove-criterion,
 * stream-lab-save-samples, plus LabWorkbench's (lab-result-row data-verdict = match (passes) |
 * no-match (filtered out), data-broken; lab-criteria-error).
 */
import { useState, type ReactNode } from "react";
import { useEditor } from "@/components/canvas/editor-context";
import { nodeTitle } from "@/components/canvas/kind-views";
import type { Design, NodeOfKind } from "@/lib/graph";
import type { EventKind, LabEvent } from "@/lib/lab";
import { PipePreviewPanel } from "./pipe-preview-panel";
import { LabPanelHeader, SampleCount } from "./lab-panel-header";
import { LabWorkbench, type WorkbenchLayout } from "./lab-workbench";
import { useDesignLabEvents, useWorkbenchBinding, type StreamSourceNode } from "./use-design-lab-events";

type StreamKind = Exclude<EventKind, "eventbridge">;

/** What each kind's filter looks at (lib/streams/filter-view.ts decodes it). */
const FILTERED_PART: Record<StreamKind, string> = {
  kafka: "Kafka record (its decoded value)",
  sqs: "SQS message (its parsed body)",
  kinesis: "Kinesis record (its decoded data)",
  dynamodb: "DynamoDB stream record",
};

const BUTTON = "rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

export function StreamLab({
  node,
  kind,
  local,
  setLocal,
  controls,
  layout,
  piped,
}: {
  node: StreamSourceNode;
  /** The pipe that reads this source, with the design it is in: the filter is the pipe's, and the lab previews its target. */
  piped?: { readonly pipe: NodeOfKind<"pipe">; readonly design: Design };
  kind: StreamKind;
  local: readonly LabEvent[];
  setLocal: (events: readonly LabEvent[]) => void;
  controls?: ReactNode;
  layout: WorkbenchLayout;
}) {
  const readOnly = useEditor((s) => s.readOnly);
  const updateNode = useEditor((s) => s.updateNode);
  const lab = useDesignLabEvents(node, local, setLocal, node.id);
  const { events, unsaved, saveUnsaved } = lab;
  const binding = useWorkbenchBinding(lab);
  const [chosen, setChosen] = useState(0);

  const criteria = node.filterCriteria;
  // Undo may remove the chosen criterion: fall back to the last one.
  const edited = Math.min(chosen, Math.max(criteria.length - 1, 0));
  const pattern = criteria[edited] ?? "";

  // Typing merges into one undo step per criterion; the builder's edits, adding and removing are steps of their own.
  const changePattern = (text: string, options: { step?: boolean } = {}) => {
    const next = criteria.length === 0 ? [text] : criteria.map((c, i) => (i === edited ? text : c));
    updateNode({ ...node, filterCriteria: next }, options.step ? undefined : `${node.id}:filterCriteria.${edited}`);
  };
  const addCriterion = () => {
    updateNode({ ...node, filterCriteria: [...criteria, ""] });
    setChosen(criteria.length);
  };
  const removeCriterion = () => {
    updateNode({ ...node, filterCriteria: criteria.filter((_, i) => i !== edited) });
    setChosen(Math.max(edited - 1, 0));
  };

  return (
    <div data-testid="designer-lab-panel" data-node-id={node.id} data-kind={kind} className="text-slate-900 dark:text-slate-100">
      <LabPanelHeader controls={controls}>
        <h2 className="font-semibold [overflow-wrap:anywhere]">Lab: filter criteria of {nodeTitle(node)}</h2>
        <SampleCount
          label={`${events.length - unsaved.length} sample record${events.length - unsaved.length === 1 ? "" : "s"} of this source`}
          unsaved={unsaved.length}
          readOnly={readOnly}
          onSave={saveUnsaved}
          saveTestId="stream-lab-save-samples"
        />
      </LabPanelHeader>
      <div className="space-y-3 p-3">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Each {FILTERED_PART[kind]} is filtered as {piped ? `pipe ${piped.pipe.name} does (only the operators EventBridge Pipes supports)` : "Lambda does"}: it passes when any criterion matches it
        {criteria.length === 0 ? "; there are no criteria, so every record passes. Type in the editor to add one." : "."}
      </p>
      <div role="group" aria-label="Filter criteria" data-testid="stream-lab-criteria" className="flex flex-wrap items-center gap-2 text-sm">
        {criteria.map((_, i) => (
          <button
            key={i}
            type="button"
            data-testid="stream-lab-criterion"
            data-index={i}
            aria-pressed={i === edited}
            onClick={() => setChosen(i)}
            className={`rounded-md border px-2 py-0.5 text-xs ${i === edited ? "border-indigo-500 bg-indigo-50 font-medium dark:bg-indigo-950" : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"}`}
          >
            Filter {i + 1}
          </button>
        ))}
        {!readOnly && (
          <>
            <button type="button" data-testid="stream-lab-add-criterion" onClick={addCriterion} className={BUTTON}>
              Add criterion
            </button>
            <button type="button" data-testid="stream-lab-remove-criterion" onClick={removeCriterion} disabled={criteria.length === 0} className={BUTTON}>
              Remove filter {criteria.length === 0 ? "" : edited + 1}
            </button>
          </>
        )}
      </div>
      <LabWorkbench
        pattern={pattern}
        anyOf={criteria}
        kind={kind}
        onPatternChange={changePattern}
        {...binding}
        layout={layout}
        renderTarget={() => (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {piped ? `Pipe ${piped.pipe.name} reads` : "The consuming function receives"} only the records that pass, in batches of up to {node.batchSize}.
          </p>
        )}
      />
      {piped && <PipePreviewPanel pipe={piped.pipe} design={piped.design} criteria={criteria} records={events} />}
      </div>
    </div>
  );
}
