/**
 * Public API of the pattern lab: plain TypeScript for the browser and the server (no React, no
 * AWS SDK: `verifyWithAws` lives in `lib/lab/verify.ts`, server side only).
 *
 *   const { events, problems } = parseEventSet(text, "pasted");       // JSON, array or JSON Lines
 *   const prepared = prepareEvents(events);                             // parse + flatten once
 *   const run = evaluateLab(patternText, prepared);                     // per keystroke
 *   run.validation.problems[0]?.message / .offset                       // AWS's reason, where
 *   run.results?.[i].matched, describeExplanation(run.results[i].explanation!)
 *   evaluateAnyOf(node.filterCriteria, records, { kind: "kafka" })     // a stream source: any criterion passes
 *   judgeSubscriberSample(compiled, readSubscriberSample(sample).envelope) // a subscriber's filters
 *   addCondition(patternText, ["detail", "state"], { op: "exact", value: "running" })
 *   checkExpectations(design), exportExpectationsAsTest(design, "vitest")
 *   sampleFromSchema(schemaContent), encodeLabLink(state) / decodeLabLink(link)
 */
export { decodeBase64Utf8, encodeBase64Utf8 } from "@/lib/streams/base64";
export { streamRecordForFilter } from "@/lib/streams/filter-view";
export {
  MAX_EVENT_SET_CHARS,
  MAX_LAB_EVENTS,
  parseEventSet,
  prepareEvents,
  type EventKind,
  type EventSetProblem,
  type LabEvent,
  type LabEventOrigin,
  type ParsedEventSet,
  type ParseEventSetOptions,
  type PreparedEvent,
} from "./events";
export {
  describeExplanation,
  evaluateLab,
  firstFailure,
  subjectOf,
  type DescribeOptions,
  type EvaluateOptions,
  type ExplanationLine,
  type LabCounts,
  type LabEvaluation,
  type LabResult,
  type LabValidation,
} from "./evaluate";
export { evaluateAnyOf, type AnyOfEvaluation, type AnyOfResult } from "./any-of";
export {
  addCondition,
  BUILDER_OPERATORS,
  conditionText,
  eventTree,
  suggestCondition,
  type AddConditionOptions,
  type AddConditionResult,
  type BuilderCondition,
  type BuilderOperator,
  type EventTreeNode,
  type EventTreeResult,
  type ExactValue,
  type TreeValueKind,
} from "./builder";
export {
  CATALOGUE,
  catalogueEntry,
  catalogueEntryEvent,
  catalogueEvents,
  catalogueGroupEvents,
  type CatalogueEntry,
  type CatalogueGroup,
} from "./catalogue";
export {
  checkExpectations,
  checkLabExpectations,
  exportExpectationsAsTest,
  streamKindOf,
  testFileName,
  type ExpectationOutcome,
  type ExpectationReport,
  type NodeExpectations,
  formatExpectationReport,
  type TestFramework,
} from "./expectations";
export {
  judgeSubscriberSample,
  readSubscriberSample,
  type PublishApi,
  type SampleOptions as SubscriberSampleOptions,
  type ScopeVerdict,
  type SubscriberSample,
  type SubscriberVerdict,
} from "./subscriber";
export { sampleFromSchema, SchemaSampleError, type SampleOptions, type SchemaSample } from "./schema-sample";
export {
  decodeLabLink,
  encodeLabLink,
  LAB_LINK_VERSION,
  LabLinkError,
  labStateSchema,
  MAX_LAB_LINK_BYTES,
  MAX_LAB_LINK_LENGTH,
  type Expected,
  type LabLinkErrorReason,
  type LabState,
} from "./share";
export type { Explanation, PatternProblem } from "@/lib/pattern";
