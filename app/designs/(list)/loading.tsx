export default function Loading() {
  return <p className="text-slate-500">Loading designs…</p>;
}
