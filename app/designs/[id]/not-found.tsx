import Link from "next/link";

export default function DesignNotFound() {
  return (
    <section className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-semibold">Design not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">It may have been deleted, or the link is mistyped.</p>
      <Link href="/designs" className="mt-4 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-slate-700">
        Back to designs
      </Link>
    </section>
  );
}
