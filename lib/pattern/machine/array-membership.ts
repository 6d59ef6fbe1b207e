/**
 * Which array elements an event value came from, for array-consistent matching
 * (lib/pattern/SEMANTICS.md, "Array consistency"): one match may not take two fields from different
 * elements of the same array.
 *
 * Arrays nest as a tree, so a value's membership is a chain of elements from the innermost
 * array outwards. Two values conflict exactly when some array holds both in different elements;
 * because the chains are paths in one tree, the first array they share decides it.
 */

export class ArrayElement {
  constructor(
    /** Number of the array within the event (in order of appearance). */
    public array: number,
    public index: number,
    /** The element of the next enclosing array, or `null` at the outermost array. */
    public parent: ArrayElement | null,
    /** Number of arrays enclosing this element's value, counting its own (1 = outermost). */
    public depth: number,
  ) {}
}

export function elementsConflict(a: ArrayElement, b: ArrayElement): boolean {
  let left: ArrayElement | null = a;
  let right: ArrayElement | null = b;
  while (left !== null && right !== null && left.depth > right.depth) left = left.parent;
  while (left !== null && right !== null && right.depth > left.depth) right = right.parent;
  while (left !== null && right !== null) {
    if (left === right) return false;
    if (left.array === right.array) return left.index !== right.index;
    left = left.parent;
    right = right.parent;
  }
  return false;
}

/**
 * The array elements already committed to by a partial match, as an immutable list so that
 * alternatives can extend it without copying.
 */
export class ChosenElements {
  constructor(
    readonly element: ArrayElement,
    readonly next: ChosenElements | null,
  ) {}
}

export function consistentWith(element: ArrayElement, chosen: ChosenElements | null): boolean {
  for (let link = chosen; link !== null; link = link.next) {
    if (elementsConflict(element, link.element)) return false;
  }
  return true;
}
