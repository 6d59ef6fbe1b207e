"use client";

/**
 * A CodeMirror 6 JSON editor (bundled from node_modules) for patterns, constant inputs and input
 * templates. Problems come from the design's validation with their UTF-16 offsets and show as
 * lint diagnostics at that position; Ctrl+Z inside it is the design's undo, like everywhere else.
 */
import { closeBrackets } from "@codemirror/autocomplete";
import { json } from "@codemirror/lang-json";
import { bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder as placeholderText } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { Problem } from "@/lib/graph";
import { codeColours, codeHighlight } from "./code-theme";

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  problems: readonly Problem[];
  readOnly: boolean;
  label: string;
  onUndo: () => void;
  onRedo: () => void;
}

/** The end of the token starting at `from`: a whole string literal, number or word. */
function tokenEnd(text: string, from: number): number {
  if (text[from] === '"') {
    for (let i = from + 1; i < text.length; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === '"') return i + 1;
    }
    return text.length;
  }
  let end = from;
  while (end < text.length && /[\w.+-]/.test(text[end]!)) end++;
  return Math.max(end, Math.min(from + 1, text.length));
}

export function toDiagnostics(text: string, problems: readonly Problem[]): Diagnostic[] {
  return problems.map((problem) => {
    const from = Math.min(Math.max(problem.offset ?? 0, 0), text.length);
    return { from, to: tokenEnd(text, from), severity: problem.severity, message: problem.message };
  });
}

const baseTheme = EditorView.theme({
  "&": { fontSize: "12px", border: "1px solid var(--cm-border)", borderRadius: "6px" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241 / 0.5)", outlineOffset: "0" },
  ".cm-content": { minHeight: "72px" },
  ".cm-gutters": { borderRadius: "6px 0 0 6px" },
  ".cm-scroller": { maxHeight: "260px", overflow: "auto" },
});

export function CodeEditor({ value, onChange, problems, readOnly, label, onUndo, onRedo }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  // The latest callbacks, read by listeners created once.
  const handlers = useRef({ onChange, onUndo, onRedo });
  useEffect(() => {
    handlers.current = { onChange, onUndo, onRedo };
  });

  useEffect(() => {
    const state = EditorState.create({
      doc: value,
      extensions: [
        lineNumbers(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        closeBrackets(),
        json(),
        syntaxHighlighting(codeHighlight),
        placeholderText("{ }"),
        keymap.of([
          { key: "Mod-z", run: () => (handlers.current.onUndo(), true) },
          { key: "Mod-Shift-z", run: () => (handlers.current.onRedo(), true) },
          { key: "Mod-y", run: () => (handlers.current.onRedo(), true) },
        ]),
        editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        // A tab stop even when read-only, so a keyboard can reach and scroll a long text.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && update.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete") || t.isUserEvent("paste") || t.isUserEvent("move"))) {
            handlers.current.onChange(update.state.doc.toString());
          }
        }),
        codeColours,
        baseTheme,
      ],
    });
    const created = new EditorView({ state, parent: host.current! });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The view is created once; value, readOnly and problems are synced by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Undo, redo or another edit changed the text from outside: replace the document.
  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    current.dispatch(setDiagnostics(current.state, toDiagnostics(current.state.doc.toString(), problems)));
  }, [problems, value]);

  return <div ref={host} className="nodrag" data-testid="code-editor" data-label={label} />;
}
