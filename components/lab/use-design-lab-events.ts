"use client";

/**
 * The designer lab's events and expectations for one node (a rule, a stream source's filter or a
 * Custom Event Bus subscriber's filters):
 * the design's samples it is tested on plus events added in the panel. Marking an event "should
 * (not) match" saves the expectation on the node and, for an event added here, the event as a
 * design sample — both in one undo step (store.updateSamples).
 */
import { useMemo } from "react";
import { useEditor, useEditorStoreApi } from "@/components/canvas/editor-context";
import type { DesignNode, Expectation, RuleNode, SampleEvent, SubscriberNode } from "@/lib/graph";
import type { LabEvent } from "@/lib/lab";
import type { ExpectationMap } from "./expectations";
import type { LabWorkbenchProps } from "./lab-workbench";

export type StreamSourceNode = Extract<DesignNode, { kind: "kafka-topic" | "dynamodb-stream" | "kinesis-stream-source" | "sqs-queue-source" }>;
export type LabNode = RuleNode | StreamSourceNode | SubscriberNode;

const NO_SAMPLES: readonly SampleEvent[] = [];

const sampleAsEvent = (sample: SampleEvent): LabEvent => ({ id: sample.id, name: sample.name, text: sample.event, origin: "design" });

/** Every node's expectations without those on `removed` samples; only the nodes that changed. */
function withoutExpectationsOn(nodes: readonly DesignNode[], removed: ReadonlySet<string>): DesignNode[] {
  return nodes.flatMap((node) => {
    if (!("expectations" in node) || !node.expectations?.some((e) => removed.has(e.sample))) return [];
    const kept = node.expectations.filter((e) => !removed.has(e.sample));
    return [{ ...node, expectations: kept.length > 0 ? kept : undefined } as DesignNode];
  });
}

export interface DesignLabEvents {
  /** Every sample of the design (shown or not). */
  readonly samples: readonly SampleEvent[];
  /** The samples shown, then the events added here and not saved. */
  readonly events: readonly LabEvent[];
  readonly unsaved: readonly LabEvent[];
  readonly expectations: ExpectationMap;
  changeExpectations(next: ExpectationMap): void;
  changeEvents(next: LabEvent[]): void;
  saveUnsaved(): void;
}

/**
 * `producer`: show only the samples this node produces, and save added events with it as their
 * producer (a stream source's records); without it every sample is shown (rules).
 */
export function useDesignLabEvents(node: LabNode, local: readonly LabEvent[], setLocal: (events: readonly LabEvent[]) => void, producer?: string): DesignLabEvents {
  const samples = useEditor((s) => s.meta.samples) ?? NO_SAMPLES;
  const updateSamples = useEditor((s) => s.updateSamples);
  const store = useEditorStoreApi();
  const shown = useMemo(() => (producer === undefined ? samples : samples.filter((s) => s.producer === producer)), [samples, producer]);
  const designEvents = useMemo(() => shown.map(sampleAsEvent), [shown]);
  // An added event saved as a sample stays in `local` too (hidden while the sample exists), so undoing
  // the save leaves it in the set rather than losing it.
  const unsaved = useMemo(() => {
    const sampleIds = new Set(samples.map((s) => s.id));
    return local.filter((e) => !sampleIds.has(e.id));
  }, [samples, local]);
  const events = useMemo(() => [...designEvents, ...unsaved], [designEvents, unsaved]);
  const expectations = useMemo<ExpectationMap>(() => Object.fromEntries((node.expectations ?? []).map((e) => [e.sample, e.expect])), [node.expectations]);
  const asSample = (event: LabEvent): SampleEvent => ({ id: event.id, name: event.name, event: event.text, ...(producer === undefined ? {} : { producer }) });

  return {
    samples,
    events,
    unsaved,
    expectations,
    changeExpectations(next) {
      const promoted = unsaved.filter((e) => next[e.id] !== undefined);
      const list: Expectation[] = Object.entries(next).map(([sample, expect]) => ({ sample, expect }));
      const nextNode = { ...node, expectations: list.length > 0 ? list : undefined } as LabNode;
      updateSamples([...samples, ...promoted.map(asSample)], [nextNode]);
    },
    changeEvents(next) {
      const kept = new Set(next.map((e) => e.id));
      const removed = new Set(shown.filter((s) => !kept.has(s.id)).map((s) => s.id));
      if (removed.size > 0) {
        updateSamples(
          samples.filter((s) => !removed.has(s.id)),
          withoutExpectationsOn(store.getState().design().nodes, removed),
        );
      }
      const sampleIds = new Set(samples.map((s) => s.id));
      const localIds = new Set(local.map((e) => e.id));
      setLocal([...local.filter((e) => kept.has(e.id)), ...next.filter((e) => !sampleIds.has(e.id) && !localIds.has(e.id))]);
    },
    saveUnsaved() {
      updateSamples([...samples, ...unsaved.map(asSample)]);
    },
  };
}

/** What every designer lab passes its LabWorkbench alike: these events and expectations, and the editor's undo and read-only state. */
export function useWorkbenchBinding(lab: DesignLabEvents): Pick<LabWorkbenchProps, "events" | "onEventsChange" | "expectations" | "onExpectationsChange" | "onUndo" | "onRedo" | "readOnly"> {
  const readOnly = useEditor((s) => s.readOnly);
  const { undo, redo } = useEditorStoreApi().getState();
  return { events: lab.events, onEventsChange: lab.changeEvents, expectations: lab.expectations, onExpectationsChange: lab.changeExpectations, onUndo: undo, onRedo: redo, readOnly };
}
