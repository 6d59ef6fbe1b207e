"use client";

/**
 * Downloads the expectations as a test file (lib/lab's exporter): every "should (not) match"
 * becomes a test asking AWS's TestEventPattern.
 *
 * Test ids: lab-export-tests (button), lab-export-framework (select).
 */
import { useState } from "react";
import { exportExpectationsAsTest, testFileName, type LabState, type TestFramework } from "@/lib/lab";

type Framework = TestFramework;

export function downloadText(name: string, text: string, type = "text/plain"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportTestsButton({ state }: { state: LabState }) {
  const [framework, setFramework] = useState<Framework>("vitest");
  const count = Object.keys(state.expectations).length;
  return (
    <div className="inline-flex items-center gap-1">
      <select
        aria-label="Test framework"
        data-testid="lab-export-framework"
        value={framework}
        onChange={(e) => setFramework(e.target.value as Framework)}
        className="rounded-md border border-slate-300 bg-white px-1 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        <option value="vitest">Vitest</option>
        <option value="jest">Jest</option>
      </select>
      <button
        type="button"
        data-testid="lab-export-tests"
        disabled={count === 0}
        title={count === 0 ? "Mark events as “should match” or “should not match” first" : `Download ${count} expectations as a test file`}
        onClick={() => downloadText(testFileName(framework), exportExpectationsAsTest(state, framework))}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
      >
        Export tests
      </button>
    </div>
  );
}
