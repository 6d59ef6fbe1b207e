"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { DESIGN_FILE_SUFFIX, readDesignFile, type DesignProblem } from "@/lib/graph";
import * as api from "./api";
import { Modal } from "./modal";

/** Why an import failed: a sentence, and the document's problems with their paths when it has them. */
interface ImportFailure {
  readonly summary: string;
  readonly problems: readonly DesignProblem[];
}

/** Problems beyond this many are counted, not listed: a wrong file can have thousands. */
const SHOWN_PROBLEMS = 30;

/** "Import design file" on the Designs page: a file picker or pasted JSON becomes a new design. */
export function ImportDesignFile() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [imported, setImported] = useState<string | null>(null);
  return (
    <>
      <button
        onClick={() => {
          setImported(null);
          setOpen(true);
        }}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        Import design file
      </button>
      <p role="status" className="text-sm text-green-800 dark:text-green-200">
        {imported && `Imported “${imported}”.`}
      </p>
      {open && (
        <ImportDialog
          onClose={() => setOpen(false)}
          onImported={(name) => {
            setOpen(false);
            setImported(name);
            router.refresh();
          }}
        />
      )}
    </>
  );
}

function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (name: string) => void }) {
  const [pasted, setPasted] = useState("");
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => fileInput.current?.focus(), []);

  /** Checks the text as a design file and saves it; `source` names it in messages. */
  const importText = async (text: string, source: string, fallbackName: string) => {
    setFailure(null);
    const read = readDesignFile(text);
    if (!read.ok) {
      setFailure({ summary: `${source} is not a design Switchyard can import:`, problems: read.problems });
      return;
    }
    setBusy(true);
    try {
      const { design } = await api.createDesignFrom(read.design, fallbackName);
      onImported(design.name);
    } catch (error) {
      setFailure({ summary: `${source} could not be saved: ${error instanceof Error ? error.message : String(error)}`, problems: [] });
      setBusy(false);
    }
  };

  return (
    <Modal labelledBy="import-title" onClose={onClose} className="max-w-xl">
      <h2 id="import-title" className="text-lg font-semibold">
        Import a design file
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        A <code>{DESIGN_FILE_SUFFIX}</code> file saved from Switchyard (Download JSON) becomes a new design.
      </p>

      <label className="mt-4 block text-sm font-medium" htmlFor="import-design-file">
        Design file
      </label>
      <input
        ref={fileInput}
        id="import-design-file"
        type="file"
        accept=".json,application/json"
        disabled={busy}
        onChange={async (event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          await importText(await file.text(), file.name, file.name.replace(/(\.switchyard)?\.json$/i, ""));
          // Choosing the same file again after fixing it must fire `change` again.
          input.value = "";
        }}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-900"
      />

      <form
        className="mt-4"
        onSubmit={(event) => {
          event.preventDefault();
          void importText(pasted, "The pasted JSON", "Imported design");
        }}
      >
        <label className="block text-sm font-medium" htmlFor="import-design-json">
          Or paste the design JSON
        </label>
        <textarea
          id="import-design-json"
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          rows={6}
          spellCheck={false}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs dark:border-slate-600"
        />
        {failure && <FailureReport failure={failure} />}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy || pasted.trim() === ""}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-slate-700"
          >
            {busy ? "Importing…" : "Import pasted JSON"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function FailureReport({ failure }: { failure: ImportFailure }) {
  const hidden = failure.problems.length - SHOWN_PROBLEMS;
  return (
    <div role="alert" className="mt-4 max-h-60 overflow-auto rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
      <p>{failure.summary}</p>
      {failure.problems.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {failure.problems.slice(0, SHOWN_PROBLEMS).map((problem, i) => (
            <li key={i}>
              <code className="font-semibold">{problem.path}</code>: {problem.message}
            </li>
          ))}
          {hidden > 0 && <li>…and {hidden} more</li>}
        </ul>
      )}
    </div>
  );
}
