"use client";

/**
 * The lab as a panel of the designer, for the selected rule (a selected stream source gets
 * StreamLab: its filter criteria on its records; a Custom Event Bus subscriber SubscriberLab: its
 * scope filters and transform on the design's samples). Its pattern is the rule's: editing it
 * edits the rule through the editor store (undo, autosave and the inspector see the same text).
 * Events are the design's samples plus events added here; marking an event "should (not) match"
 * saves the expectation on the rule and, for an event added here, the event as a design sample —
 * both in one undo step (store.updateSamples).
 *
 * Test ids (stable, used by other e2e suites):
 *   designer-lab-panel        the panel (data-rule-id = the rule's node id)
 *   designer-lab-empty        shown when no single rule with an event pattern, stream source or subscriber is selected
 *   designer-lab-target       select of the rule's targets for the input preview
 *   designer-lab-save-samples saves the events added here (without expectations) as design samples
 *   lab-verify, lab-verify-result, lab-verify-error   Verify with AWS (this rule's pattern and events)
 *   lab-export-tests, lab-export-framework            this rule's expectations as a test file
 *   + LabWorkbench's: lab-pattern (editor "Event pattern"), lab-pattern-error, lab-counts
 *     (data-matched/-unmatched/-invalid), lab-results, lab-filter, lab-result-row (data-event-id,
 *     data-verdict, data-broken), lab-expect, lab-side-tabs (Events | Explain | Builder |
 *     Target input), lab-catalogue-group (data-group), lab-paste, lab-paste-add, lab-explain,
 *     lab-explain-line, lab-tree-field (data-path), lab-builder-operator, lab-builder-value,
 *     lab-builder-add, transform-preview, transform-output, transform-error.
 */
import { useMemo, useState, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useEditor, useEditorDocument, useEditorStoreApi } from "@/components/canvas/editor-context";
import { nodeTitle } from "@/components/canvas/kind-views";
import type { DesignNode, NodeOfKind, RuleNode } from "@/lib/graph";
import { streamKindOf, type LabEvent, type LabState } from "@/lib/lab";
import { ExportTestsButton } from "./export-tests-button";
import { designSamples, LabPanelHeader, SampleCount } from "./lab-panel-header";
import { LabWorkbench, type WorkbenchLayout } from "./lab-workbench";
import { ScheduleLab } from "./schedule-lab-panel";
import { StreamLab } from "./stream-lab-panel";
import { SubscriberLab } from "./subscriber-lab-panel";
import { MATCHED_EVENT, TransformPreview } from "./transform-preview";
import { useDesignLabEvents, useWorkbenchBinding, type StreamSourceNode } from "./use-design-lab-events";
import { useVerifyWithAws, VerifyButton, VerifyResult } from "./verify-with-aws";

export interface DesignerLabPanelProps {
  /** The panel's own controls (dock side, close), shown at the end of its header. */
  controls?: ReactNode;
  /** "columns" docked under the canvas (pattern, verdicts, tools side by side), "stack" beside it. */
  layout: WorkbenchLayout;
}

export function DesignerLabPanel({ controls, layout }: DesignerLabPanelProps) {
  // Events added here stay while another rule is selected: one set to try several rules on.
  const [local, setLocal] = useState<readonly LabEvent[]>([]);
  // A stream source's added records are its own (records of one kind, for its filter).
  const [records, setRecords] = useState<Readonly<Record<string, readonly LabEvent[]>>>({});
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.data.node)));
  const design = useEditorDocument(useEditorStoreApi());
  const picked = selected.length === 1 ? selected[0]! : null;
  // A selected pipe is tested through its source: the filter criteria live there.
  const { source, pipe } = pipeAndSource(picked, design.nodes, design.edges);
  const only = source ?? picked;
  const streamKind = only ? streamKindOf(only) : undefined;
  if (only && streamKind !== undefined) {
    const node = only as StreamSourceNode;
    return (
      <StreamLab
        key={node.id}
        node={node}
        piped={pipe && { pipe, design }}
        kind={streamKind}
        local={records[node.id] ?? NO_EVENTS}
        setLocal={(events) => setRecords((all) => ({ ...all, [node.id]: events }))}
        controls={controls}
        layout={layout}
      />
    );
  }
  if (only?.kind === "subscriber") {
    return <SubscriberLab key={only.id} node={only} local={local} setLocal={setLocal} controls={controls} layout={layout} />;
  }
  if (only?.kind === "schedule") return <ScheduleLab key={only.id} node={only} controls={controls} />;
  if (!only || only.kind !== "rule" || only.trigger.type !== "pattern") {
    return (
      <>
        <LabPanelHeader controls={controls}>
          <h2 className="font-semibold">Lab</h2>
        </LabPanelHeader>
        <p data-testid="designer-lab-empty" className="p-4 text-sm text-slate-600 dark:text-slate-400">
          Select a rule with an event pattern, a stream source with filter criteria, a pipe or a Custom Event Bus subscriber, to test it against the design&apos;s sample events; or a schedule to see when it fires.
        </p>
      </>
    );
  }
  return <RuleLab key={only.id} rule={only} local={local} setLocal={setLocal} controls={controls} layout={layout} />;
}

const NO_EVENTS: readonly LabEvent[] = [];

/** The pipe of a selected pipe or of a selected source read by one, and that source. */
function pipeAndSource(
  node: DesignNode | null,
  nodes: readonly DesignNode[],
  edges: readonly { kind: string; source: string; target: string }[],
): { source?: DesignNode; pipe?: NodeOfKind<"pipe"> } {
  const feed = edges.find((e) => e.kind === "feeds-pipe" && (e.source === node?.id || e.target === node?.id));
  const pipe = nodes.find((n): n is NodeOfKind<"pipe"> => n.kind === "pipe" && n.id === feed?.target);
  if (node === null || pipe === undefined) return {};
  return { source: nodes.find((n) => n.id === feed?.source), pipe };
}

function RuleLab({ rule, local, setLocal, controls, layout }: { rule: RuleNode; local: readonly LabEvent[]; setLocal: (events: readonly LabEvent[]) => void } & DesignerLabPanelProps) {
  const readOnly = useEditor((s) => s.readOnly);
  const updateNode = useEditor((s) => s.updateNode);
  // Only the rule's target nodes (their design data, unchanged while nodes are dragged), in edge order.
  const targetNodes = useEditor(
    useShallow((s) => {
      const ids = s.edges.filter((e) => e.source === rule.id && e.data?.kind === "invokes").map((e) => e.target);
      return ids.flatMap((id) => s.nodes.find((n) => n.id === id)?.data.node ?? []);
    }),
  );
  const [targetId, setTargetId] = useState<string | null>(null);

  const pattern = rule.trigger.type === "pattern" ? rule.trigger.pattern : "";
  const lab = useDesignLabEvents(rule, local, setLocal);
  const { samples, events, unsaved, expectations, saveUnsaved } = lab;
  const binding = useWorkbenchBinding(lab);

  const labState = useMemo<LabState>(() => ({ pattern, events, expectations }), [pattern, events, expectations]);
  const verify = useVerifyWithAws(labState);
  const targets = targetNodes.flatMap((node) => ("input" in node ? [{ id: node.id, title: nodeTitle(node), input: node.input }] : []));
  const target = targets.find((t) => t.id === targetId) ?? targets[0];

  // Typing merges into one undo step with the inspector's own pattern field; the builder's edits are steps of their own.
  const changePattern = (text: string, options: { step?: boolean } = {}) =>
    updateNode({ ...rule, trigger: { type: "pattern", pattern: text } }, options.step ? undefined : `${rule.id}:trigger.pattern`);

  return (
    <div data-testid="designer-lab-panel" data-rule-id={rule.id} className="text-slate-900 dark:text-slate-100">
      <LabPanelHeader
        controls={controls}
        actions={
          <>
            <VerifyButton verify={verify} />
            <ExportTestsButton state={labState} />
          </>
        }
      >
        <h2 className="font-semibold [overflow-wrap:anywhere]">Lab: rule {rule.name || rule.id}</h2>
        <SampleCount label={designSamples(samples.length)} unsaved={unsaved.length} readOnly={readOnly} onSave={saveUnsaved} saveTestId="designer-lab-save-samples" />
      </LabPanelHeader>
      <div className="space-y-3 p-3">
      <VerifyResult verify={verify} />
      <LabWorkbench
        pattern={pattern}
        onPatternChange={changePattern}
        {...binding}
        layout={layout}
        renderTarget={(event) =>
          targets.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">This rule has no targets yet: connect one to preview what it receives.</p>
          ) : (
            <div className="space-y-2">
              <label className="block text-sm">
                <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Target</span>
                <select
                  aria-label="Target"
                  data-testid="designer-lab-target"
                  value={target?.id}
                  onChange={(e) => setTargetId(e.target.value)}
                  className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
                >
                  {targets.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.title}
                    </option>
                  ))}
                </select>
              </label>
              <TransformPreview key={target?.id} mode={target?.input ?? MATCHED_EVENT} eventText={event?.text} ruleName={rule.name} />
            </div>
          )
        }
      />
      </div>
    </div>
  );
}
