"use client";

/**
 * Paste or upload events: one JSON object, a JSON array, or JSON Lines. Problems are listed with
 * their line; the good events are added either way.
 *
 * Test ids: lab-paste (textarea), lab-paste-add (button), lab-upload (file input), lab-paste-problems.
 */
import { useState } from "react";
import { parseEventSet, type EventSetProblem, type LabEvent, type LabEventOrigin } from "@/lib/lab";

export function PasteEvents({ onAdd }: { onAdd: (events: LabEvent[]) => void }) {
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<EventSetProblem[]>([]);
  const [note, setNote] = useState<string | null>(null);

  const read = (source: string, origin: LabEventOrigin, what: string) => {
    const parsed = parseEventSet(source, origin, { idPrefix: `${origin}-${Date.now().toString(36)}` });
    setProblems(parsed.problems.slice(0, 20));
    setNote(`${parsed.events.length} event${parsed.events.length === 1 ? "" : "s"} added from ${what}${parsed.problems.length > 0 ? `, ${parsed.problems.length} problem(s)` : ""}.`);
    if (parsed.events.length > 0) onAdd(parsed.events);
    return parsed.events.length > 0;
  };

  return (
    <div className="space-y-2 text-sm">
      <textarea
        aria-label="Events to add"
        data-testid="lab-paste"
        rows={6}
        placeholder='{"version":"0","id":"…","detail-type":"…","source":"…","account":"…","time":"…","region":"…","resources":[],"detail":{}}  — or a JSON array, or JSON Lines'
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          data-testid="lab-paste-add"
          disabled={text.trim() === ""}
          onClick={() => read(text, "pasted", "the text") && setText("")}
          className="rounded-md bg-indigo-600 px-2.5 py-1 font-medium text-white hover:bg-indigo-500 disabled:opacity-40"
        >
          Add events
        </button>
        <label className="cursor-pointer rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Upload .json / .jsonl
          <input
            type="file"
            data-testid="lab-upload"
            accept=".json,.jsonl,.ndjson,application/json"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void file.text().then((content) => read(content, "upload", file.name));
            }}
          />
        </label>
      </div>
      {note && <p className="text-xs text-slate-600 dark:text-slate-300">{note}</p>}
      {problems.length > 0 && (
        <ul data-testid="lab-paste-problems" className="space-y-0.5 text-xs text-red-700 dark:text-red-400">
          {problems.map((p, i) => (
            <li key={i}>
              line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
