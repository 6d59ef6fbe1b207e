/** Placeholder for a section whose feature has not landed yet; says what it will do. */
export function ComingSoon({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-200">Coming soon</p>
      <div className="mt-4 text-slate-600 dark:text-slate-400">{children}</div>
    </section>
  );
}
