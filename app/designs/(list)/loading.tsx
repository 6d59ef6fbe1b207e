export default function Loading() {
  return <p className="text-slate-500 dark:text-slate-400">Loading designs…</p>;
}
