/**
 * Public API of the design model: the schema and its types, the node-kind registry, validation
 * and share links. Framework-free: the canvas maps these to React Flow, the model never sees it.
 */
export * from "./schema";
export {
  canConnect,
  categoryOf,
  createNode,
  DEFAULT_RETRY_POLICY,
  DEFAULT_SUBSCRIBER_RETRY_POLICY,
  EDGE_REGISTRY,
  edgeKindBetween,
  kindSpec,
  NODE_KINDS,
  NODE_REGISTRY,
  isTargetNode,
  paletteGroups,
  type EdgeKindSpec,
  type NodeCategory,
  type NodeKindSpec,
  type NodeRegistry,
  type TargetKind,
  type TargetNode,
} from "./registry";
export { PROBLEM_SEVERITY, type Problem, type ProblemCode, type Severity } from "./problems";
export { LIMITS, validateDesign } from "./validate";
export { EVENTSV2_LIMITS } from "./eventsv2-validate";
export { SCHEDULER_LIMITS, scheduleGroupNameOf, scheduleNameOf } from "./scheduler-validate";
export { PIPES_LIMITS } from "./pipes-validate";
export { checkPipeFilter } from "./pattern-check";
export {
  checkDesign,
  DESIGN_FILE_SUFFIX,
  designFileName,
  designProblems,
  readDesignFile,
  writeDesignFile,
  type DesignCheck,
  type DesignProblem,
} from "./design-file";
export {
  decodeShareLink,
  encodeShareLink,
  MAX_DESIGN_BYTES,
  MAX_LINK_LENGTH,
  SHARE_LINK_VERSION,
  ShareLinkError,
  type ShareLinkErrorReason,
  type ShareLinkIssue,
} from "./share";
export { copyFragment, pasteFragment, removeElements, type Fragment } from "./edit";
export { layoutDesign, type Size } from "./layout";
export { targetIdFor, targetIdOf } from "./target-id";
