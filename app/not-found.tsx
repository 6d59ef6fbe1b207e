import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link href="/designs" className="mt-4 inline-block text-blue-700 underline dark:text-blue-300">
        Back to designs
      </Link>
    </section>
  );
}
