"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ""}
      </p>
      <button onClick={reset} className="mt-4 rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white dark:bg-slate-700">
        Try again
      </button>
    </section>
  );
}
