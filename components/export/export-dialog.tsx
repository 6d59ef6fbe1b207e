"use client";

import { strToU8, zipSync } from "fflate";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Design } from "@/lib/graph";
import { DesignNotExportableError, EXPORT_FORMATS, exportDesign, projectName, type ExportFormat, type ExportResult } from "@/lib/iac";
import { nodeTitle } from "@/components/canvas/kind-views";
import { useCloseOnEscape } from "@/components/designs/modal";
import { CodeView } from "./code-view";

const LABELS: Record<ExportFormat, string> = { terraform: "Terraform", cdk: "CDK", cloudformation: "CloudFormation" };

type Exports = { ok: true; results: Record<ExportFormat, ExportResult> } | { ok: false; problems: readonly string[] };

/** Every format at once: the export is fast and pure, so tabs switch instantly. */
function exportAll(design: Design): Exports {
  try {
    const results = Object.fromEntries(EXPORT_FORMATS.map((format) => [format, exportDesign(design, format)])) as Record<ExportFormat, ExportResult>;
    return { ok: true, results };
  } catch (error) {
    if (!(error instanceof DesignNotExportableError)) throw error;
    if (error.blocking.length === 0) return { ok: false, problems: error.problems };
    // Named as the designer's problems panel names them: by the node's title.
    const titles = new Map(design.nodes.map((node) => [node.id, nodeTitle(node)]));
    return { ok: false, problems: error.blocking.map((p) => (p.nodeId === undefined ? p.message : `${titles.get(p.nodeId) ?? p.nodeId}: ${p.message}`)) };
  }
}

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser the tick it needs to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The design as Terraform, CDK and CloudFormation: a tab per format, highlighted code, copy and
 * download (the CDK project as a zip). Generation runs here in the browser from the document.
 */
export function ExportDialog({ design, onClose }: { design: Design; onClose: () => void }) {
  const exports = useMemo(() => exportAll(design), [design]);
  const [format, setFormat] = useState<ExportFormat>("terraform");
  const [filePath, setFilePath] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string>("");
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => tabs.current.terraform?.focus(), []);
  useCloseOnEscape(onClose);

  const result = exports.ok ? exports.results[format] : undefined;
  const file = result && (result.files.find((f) => f.path === filePath) ?? (format === "cdk" ? result.files.find((f) => f.path.startsWith("lib/")) : undefined) ?? result.files[0]);
  const base = projectName(design.name);

  const selectTab = (next: ExportFormat) => {
    setFormat(next);
    setFilePath(undefined);
    setStatus("");
    tabs.current[next]?.focus();
  };

  const onDownload = () => {
    if (!result || !file) return;
    if (format === "cdk") {
      const entries = Object.fromEntries(result.files.map((f) => [`${base}/${f.path}`, strToU8(f.content)]));
      download(`${base}-cdk.zip`, zipSync(entries).slice().buffer, "application/zip");
    } else {
      download(file.path, file.content, "text/plain");
    }
    setStatus(`Downloaded ${format === "cdk" ? `${base}-cdk.zip` : file.path}`);
  };

  const onCopy = async () => {
    if (!file) return;
    try {
      await navigator.clipboard.writeText(file.content);
      setStatus(`Copied ${file.path}`);
    } catch {
      setStatus("The browser did not allow copying; select the code and copy it instead");
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div role="dialog" aria-modal="true" aria-labelledby="export-title" className="flex h-[85vh] w-full max-w-5xl flex-col rounded-lg bg-white shadow-xl dark:bg-slate-900">
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3 dark:border-slate-700">
          <h2 id="export-title" className="text-lg font-semibold">
            Export “{design.name}”
          </h2>
          <button onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Close
          </button>
        </div>

        {!exports.ok ? (
          <div role="alert" className="m-5 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            <p className="font-medium">This design cannot be exported until these problems are fixed:</p>
            <ul className="mt-2 list-disc pl-5">
              {exports.problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 pt-3 dark:border-slate-700">
              <div role="tablist" aria-label="Format" className="flex gap-1">
                {EXPORT_FORMATS.map((f, i) => (
                  <button
                    key={f}
                    ref={(element) => {
                      tabs.current[f] = element;
                    }}
                    role="tab"
                    id={`export-tab-${f}`}
                    aria-selected={f === format}
                    aria-controls="export-panel"
                    tabIndex={f === format ? 0 : -1}
                    onClick={() => selectTab(f)}
                    onKeyDown={(event) => {
                      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
                      if (step !== 0) selectTab(EXPORT_FORMATS[(i + step + EXPORT_FORMATS.length) % EXPORT_FORMATS.length]!);
                    }}
                    className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${f === format ? "border-slate-200 border-b-white bg-white font-medium dark:border-slate-700 dark:bg-slate-900" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
                  >
                    {LABELS[f]}
                  </button>
                ))}
              </div>
              <div className="ml-auto flex items-center gap-2 pb-2">
                {result && result.files.length > 1 && (
                  <label className="flex items-center gap-1 text-sm text-slate-600 dark:text-slate-400">
                    File
                    <select value={file?.path} onChange={(event) => setFilePath(event.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600">
                      {result.files.map((f) => (
                        <option key={f.path} value={f.path}>
                          {f.path}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <button onClick={() => void onCopy()} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                  Copy
                </button>
                <button onClick={onDownload} className="rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white dark:bg-slate-700">
                  {format === "cdk" ? "Download project (.zip)" : `Download ${file?.path}`}
                </button>
              </div>
            </div>
            {result && result.warnings.length > 0 && (
              <ul aria-label="Export notes" className="max-h-24 overflow-auto border-b border-amber-200 bg-amber-50 px-5 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">
                {result.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            <div id="export-panel" role="tabpanel" aria-labelledby={`export-tab-${format}`} className="min-h-0 flex-1">
              {file && <CodeView path={file.path} content={file.content} />}
            </div>
            <p role="status" className="min-h-6 border-t border-slate-200 px-5 py-1 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
              {status}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
