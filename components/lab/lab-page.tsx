"use client";

/**
 * The /lab page: the lab's state lives here and in the link. Opening /lab#<lab link> restores the
 * pattern, events and expectations; a bad link says why and opens an empty lab.
 *
 * Test ids: lab-page, lab-link-error, plus LabWorkbench's, LabShareLink's, ExportTestsButton's,
 * Verify with AWS's and TransformPreview's.
 */
import { useMemo, useState, useSyncExternalStore } from "react";
import type { InputMode } from "@/lib/graph";
import { decodeLabLink, type EventKind, type LabEvent, type LabState } from "@/lib/lab";
import type { ExpectationMap } from "./expectations";
import { ExportTestsButton } from "./export-tests-button";
import { LabShareLink } from "./lab-share-link";
import { LabWorkbench } from "./lab-workbench";
import { MATCHED_EVENT, TransformPreview } from "./transform-preview";
import { useTextHistory } from "./use-text-history";
import { useVerifyWithAws, VerifyButton, VerifyResult } from "./verify-with-aws";

const STARTER_PATTERN = '{\n  "source": ["aws.ec2"]\n}';

const subscribeToHash = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

type Opening = { state: LabState | null; error: string | null };

/** The lab a link opens: its fragment decoded (never sent to the server), or why it cannot be. */
function openLink(fragment: string): Opening {
  if (fragment === "") return { state: null, error: null };
  try {
    return { state: decodeLabLink(fragment), error: null };
  } catch (error) {
    return { state: null, error: (error as Error).message };
  }
}

export function LabPage() {
  // The fragment exists only in the browser: the server renders an empty shell, the browser the lab.
  const fragment = useSyncExternalStore(subscribeToHash, () => window.location.hash.slice(1), () => null);
  if (fragment === null) return <div data-full-bleed data-testid="lab-loading" className="flex-1" />;
  return <LabSession key={fragment} opening={openLink(fragment)} />;
}

function LabSession({ opening }: { opening: Opening }) {
  const pattern = useTextHistory(opening.state?.pattern ?? STARTER_PATTERN);
  const [events, setEvents] = useState<readonly LabEvent[]>(opening.state?.events ?? []);
  const [expectations, setExpectations] = useState<ExpectationMap>(opening.state?.expectations ?? {});
  const [targetMode, setTargetMode] = useState<InputMode>(MATCHED_EVENT);
  const [kind, setKind] = useState<EventKind>(opening.state?.kind ?? "eventbridge");
  const linkError = opening.error;
  const { change: changePattern } = pattern;

  const state = useMemo<LabState>(
    () => ({ pattern: pattern.text, events, expectations, ...(kind === "eventbridge" ? {} : { kind }) }),
    [pattern.text, events, expectations, kind],
  );

  const verify = useVerifyWithAws(state);

  const changeEvents = (next: LabEvent[]) => {
    setEvents(next);
    // Expectations of removed events go with them.
    const ids = new Set(next.map((e) => e.id));
    setExpectations((current) => Object.fromEntries(Object.entries(current).filter(([id]) => ids.has(id))));
  };

  return (
    <div data-testid="lab-page" data-full-bleed className="min-h-0 flex-1 overflow-y-auto bg-white px-4 py-4 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <div className="mx-auto max-w-7xl space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">Pattern lab</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">Test an event pattern live against many events, see why each one fails, build patterns from events.</p>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            {kind === "eventbridge" && <VerifyButton verify={verify} />}
            <ExportTestsButton state={state} />
            <LabShareLink state={state} />
          </div>
        </div>
        {kind === "eventbridge" && <VerifyResult verify={verify} />}
        {linkError && (
          <p role="alert" data-testid="lab-link-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            This link could not be opened: {linkError}
          </p>
        )}
        <LabWorkbench
          pattern={pattern.text}
          onPatternChange={changePattern}
          onUndo={pattern.undo}
          onRedo={pattern.redo}
          events={events}
          onEventsChange={changeEvents}
          expectations={expectations}
          onExpectationsChange={setExpectations}
          kind={kind}
          onKindChange={setKind}
          renderTarget={(event) => <TransformPreview mode={targetMode} onModeChange={setTargetMode} eventText={event?.text} ruleName="lab-rule" />}
        />
      </div>
    </div>
  );
}
