/**
 * The AWS target `Id` of a target node (unique per rule in AWS): the one it was imported with
 * (`targetId`), else derived from the node id. "Run locally", the AWS plan, the test-event path
 * and validation all use this one derivation.
 */

/** AWS target ids allow `.-_` letters and digits, up to 64 characters. */
export function targetIdFor(nodeId: string): string {
  return nodeId.replace(/[^.\-_A-Za-z0-9]/g, "-").slice(0, 64) || "target";
}

export function targetIdOf(node: { readonly id: string; readonly targetId?: string }): string {
  return node.targetId ?? targetIdFor(node.id);
}
