"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useSyncExternalStore } from "react";
import { DesignEditor } from "@/components/canvas/design-editor";
import { useCreateEditorStore } from "@/components/canvas/editor-context";
import * as api from "@/components/designs/api";
import { categoryOf, decodeShareLink, ShareLinkError, type Design, type NodeCategory, type ShareLinkErrorReason } from "@/lib/graph";
import { CopyShareLink } from "./copy-share-link";
import { forkName } from "./fork-name";

type Opened = { readonly ok: true; readonly design: Design } | { readonly ok: false; readonly error: ShareLinkError };

/** The design in the page's fragment (`#v1.…`); the fragment never reaches the server. */
function open(hash: string): Opened {
  try {
    return { ok: true, design: decodeShareLink(decodeURIComponent(hash.replace(/^#/, ""))) };
  } catch (error) {
    if (error instanceof ShareLinkError) return { ok: false, error };
    // decodeURIComponent: a `%` that is not an escape can only come from a mangled link.
    if (error instanceof URIError) return { ok: false, error: new ShareLinkError("not-base64url", "The link is damaged: it contains a stray %") };
    throw error;
  }
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** Opens the share link in the address bar: the design read-only with Fork and Copy link, or why it cannot. */
export function SharedDesign() {
  // The server has no fragment: it renders the "opening" state and the browser decodes.
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash, () => null);
  const opened = useMemo(() => (hash === null ? null : open(hash)), [hash]);
  if (opened === null) return <p className="text-sm text-slate-600 dark:text-slate-400">Opening the shared design…</p>;
  return opened.ok ? <SharedDesignView design={opened.design} /> : <ShareLinkErrorView error={opened.error} />;
}

const CATEGORY_NAMES: Record<NodeCategory, [one: string, many: string]> = {
  producer: ["producer", "producers"],
  bus: ["event bus", "event buses"],
  rule: ["rule", "rules"],
  target: ["target", "targets"],
  downstream: ["downstream resource", "downstream resources"],
};

function contents(design: Design): string {
  const counts = new Map<NodeCategory, number>();
  for (const node of design.nodes) counts.set(categoryOf(node.kind), (counts.get(categoryOf(node.kind)) ?? 0) + 1);
  const parts = (Object.keys(CATEGORY_NAMES) as NodeCategory[])
    .filter((category) => counts.has(category))
    .map((category) => {
      const count = counts.get(category)!;
      return `${count} ${CATEGORY_NAMES[category][count === 1 ? 0 : 1]}`;
    });
  const connections = `${design.edges.length} ${design.edges.length === 1 ? "connection" : "connections"}`;
  return parts.length === 0 ? "An empty design" : `${parts.join(" · ")} · ${connections}`;
}

function SharedDesignView({ design }: { design: Design }) {
  const router = useRouter();
  const store = useCreateEditorStore(design, { readOnly: true });
  const [forking, setForking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fork = async () => {
    setForking(true);
    setError(null);
    try {
      const { designs } = await api.listDesigns();
      const name = forkName(design.name, new Set(designs.map((d) => d.name)));
      const { design: saved } = await api.createDesignFrom({ ...design, name }, name);
      router.push(`/designs/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      setError(`The fork could not be saved: ${e instanceof Error ? e.message : String(e)}`);
      setForking(false);
    }
  };

  return (
    <section aria-labelledby="shared-design-name" data-full-bleed className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Shared design · read-only</p>
          <h1 id="shared-design-name" className="truncate text-lg font-semibold text-slate-900 dark:text-slate-100">
            {design.name || "Untitled design"}
          </h1>
          <p className="truncate text-xs text-slate-600 dark:text-slate-400" data-testid="shared-design-contents">
            {contents(design)}
          </p>
          {design.description && <p className="truncate text-sm text-slate-600 dark:text-slate-400">{design.description}</p>}
        </div>
        <button
          type="button"
          onClick={() => void fork()}
          disabled={forking}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-indigo-600"
        >
          {forking ? "Forking…" : "Fork into my designs"}
        </button>
      </div>
      {error && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      <div className="min-h-0 flex-1">
        <DesignEditor store={store} toolbarExtras={<CopyShareLink design={design} />} />
      </div>
    </section>
  );
}

const ERROR_TITLES: Record<ShareLinkErrorReason, string> = {
  empty: "This link has no design in it",
  "too-long": "This link is too long to be a design",
  "unknown-version": "This link is not one this Switchyard can read",
  "not-base64url": "This link is damaged",
  corrupt: "This link is damaged",
  "too-large": "This link's design is too large",
  "not-json": "This link does not hold a design",
  "invalid-design": "This link's design is not valid",
};

const SHOWN_ISSUES = 20;

function ShareLinkErrorView({ error }: { error: ShareLinkError }) {
  return (
    <section role="alert" aria-labelledby="share-error-title" data-reason={error.reason} className="mx-auto max-w-2xl rounded-lg border border-red-200 bg-white p-6 dark:border-red-900 dark:bg-slate-900">
      <h1 id="share-error-title" className="text-xl font-semibold text-red-800 dark:text-red-200">
        {ERROR_TITLES[error.reason]}
      </h1>
      <p className="mt-2 text-sm">{error.message}.</p>
      {error.issues.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {error.issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
            <li key={i}>
              <code className="font-semibold">{issue.path}</code>: {issue.message}
            </li>
          ))}
          {error.issues.length > SHOWN_ISSUES && <li>…and {error.issues.length - SHOWN_ISSUES} more</li>}
        </ul>
      )}
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        Links break when they are cut short or edited on the way. Ask whoever shared it to copy it again with <strong>Copy link</strong>, and
        paste the whole address, including everything after <code>#</code>.
      </p>
      <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">Reason code: {error.reason}</p>
      <Link href="/designs" className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
        Go to your designs
      </Link>
    </section>
  );
}
