"use client";

import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { simpleMode } from "@codemirror/legacy-modes/mode/simple-mode";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { codeColours, codeHighlight } from "@/components/canvas/code-theme";

/** Terraform's HCL, enough to highlight what the export writes: comments, strings, heredocs, keywords. */
const hcl = StreamLanguage.define(
  simpleMode({
    start: [
      { regex: /(?:#|\/\/).*/, token: "comment" },
      { regex: /<<-?[A-Z]+\s*$/, token: "string", next: "heredoc" },
      { regex: /"(?:[^"\\]|\\.)*"/, token: "string" },
      { regex: /(?:resource|data|variable|output|locals|module|provider|terraform)\b/, token: "keyword", sol: true },
      { regex: /(?:true|false|null)\b/, token: "atom" },
      { regex: /-?\d+(?:\.\d+)?\b/, token: "number" },
      { regex: /[A-Za-z_][\w-]*(?=\s*=)/, token: "property" },
      { regex: /[A-Za-z_][\w.-]*/, token: "variable" },
    ],
    heredoc: [
      { regex: /\s*[A-Z]+\s*$/, sol: true, token: "string", next: "start" },
      { regex: /.*/, token: "string" },
    ],
  }),
);

function languageFor(path: string): Extension {
  if (path.endsWith(".tf")) return hcl;
  if (path.endsWith(".yaml")) return yaml();
  if (path.endsWith(".json")) return json();
  return javascript({ typescript: true });
}

/** Read-only, highlighted code in the app's light or dark colours; remounts its editor when the file changes. */
export function CodeView({ path, content }: { path: string; content: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: content,
        extensions: [
          lineNumbers(),
          languageFor(path),
          syntaxHighlighting(codeHighlight),
          codeColours,
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          // A tab stop, so a keyboard can reach the code and scroll it.
          EditorView.contentAttributes.of({ "aria-label": `Contents of ${path}`, tabindex: "0" }),
          EditorView.theme({ "&": { fontSize: "12px", height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
        ],
      }),
    });
    return () => view.destroy();
  }, [path, content]);
  return <div ref={host} className="h-full overflow-hidden" data-testid="code-view" />;
}
