/**
 * Which components React rendered, read the way React DevTools reads it: a stand-in for the
 * DevTools hook is told of every commit, and walks the fibers that rendered in it. A setup file
 * of the browser tests, so the hook is in place before React starts (React looks for it then).
 */

/** The parts of a React fiber the walk reads (React's internal shape, as DevTools reads it). */
interface Fiber {
  readonly tag: number;
  readonly type: unknown;
  readonly flags: number;
  readonly child: Fiber | null;
  readonly sibling: Fiber | null;
  readonly alternate: Fiber | null;
  readonly memoizedProps: Record<string, unknown> | null;
}

/** Function, class, forwardRef and memo components: the fibers that run a component. */
const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
/** Set on a fiber whose component ran in this render (React's `PerformedWork` flag). */
const PERFORMED_WORK = 1;

export interface Render {
  readonly component: string;
  readonly props: Record<string, unknown>;
}

const log: Render[] = [];

function nameOf(type: unknown): string {
  if (typeof type === "function") return type.name;
  if (typeof type === "object" && type !== null) {
    const inner = (type as { type?: unknown; render?: unknown }).type ?? (type as { render?: unknown }).render;
    return inner === undefined ? "" : nameOf(inner);
  }
  return "";
}

function record(fiber: Fiber) {
  if (COMPONENT_TAGS.has(fiber.tag)) log.push({ component: nameOf(fiber.type), props: fiber.memoizedProps ?? {} });
}

function walkMounted(fiber: Fiber) {
  record(fiber);
  for (let child = fiber.child; child; child = child.sibling) walkMounted(child);
}

function walkUpdated(next: Fiber, previous: Fiber) {
  if (next.flags & PERFORMED_WORK) record(next);
  // Children React did not clone were reused as they were: nothing under them rendered.
  if (next.child === previous.child) return;
  for (let child = next.child; child; child = child.sibling) {
    if (child.alternate) walkUpdated(child, child.alternate);
    else walkMounted(child);
  }
}

const hook = {
  supportsFiber: true,
  renderers: new Map<number, unknown>(),
  inject(renderer: unknown): number {
    const id = hook.renderers.size + 1;
    hook.renderers.set(id, renderer);
    return id;
  },
  onCommitFiberRoot(_renderer: number, root: { current: Fiber }) {
    const { current } = root;
    if (current.alternate) walkUpdated(current, current.alternate);
    else walkMounted(current);
  },
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
  checkDCE() {},
};
Object.assign(globalThis, { __REACT_DEVTOOLS_GLOBAL_HOOK__: hook });

/** Forgets the renders so far. */
export function clearRenders(): void {
  log.length = 0;
}

/** How many times `component` rendered since the last `clearRenders`, only counting renders whose props pass `where`. */
export function renderCount(component: string, where: (props: Record<string, unknown>) => boolean = () => true): number {
  return log.filter((r) => r.component === component && where(r.props)).length;
}
