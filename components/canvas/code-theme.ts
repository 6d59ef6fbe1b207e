/**
 * CodeMirror's colours for every code view of the app (the JSON editors, the export's code), from
 * CSS variables (globals.css), so light and dark mode share one style.
 */
import { HighlightStyle } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";

export const codeHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--cm-key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--cm-string)" },
  { tag: tags.number, color: "var(--cm-number)" },
  { tag: [tags.bool, tags.null, tags.atom, tags.keyword, tags.modifier, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: "var(--cm-keyword)" },
  { tag: [tags.typeName, tags.className, tags.namespace], color: "var(--cm-type)" },
  { tag: tags.comment, color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [tags.punctuation, tags.operator], color: "var(--cm-muted)" },
]);

/** The editor's frame: background, text, gutter, active line and an empty editor's placeholder (CodeMirror's own grey is under 4.5:1). */
export const codeColours = EditorView.theme({
  "&": { backgroundColor: "var(--cm-bg)", color: "var(--cm-fg)" },
  ".cm-content": { fontFamily: "var(--font-mono)", caretColor: "var(--cm-fg)" },
  ".cm-gutters": { backgroundColor: "var(--cm-gutter)", color: "var(--cm-muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--cm-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active)" },
  ".cm-placeholder": { color: "var(--cm-placeholder)" },
});
