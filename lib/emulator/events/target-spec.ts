/**
 * A rule target as PutTargets receives it (AWS's `Target` structure, stored verbatim as JSON),
 * how the local bus delivers to it, and its retry policy with AWS's defaults.
 */
import { TargetInputError, validateTargetInput, type TargetInputSpec } from "../../transform";
import { parseArn } from "../../arn";
import { DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS } from "../../limits";
import { invalid } from "../protocol/errors";
import type { Params } from "../protocol/params";

export interface TargetSpec {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: { readonly InputPathsMap?: Record<string, string>; readonly InputTemplate: string };
  readonly RetryPolicy?: { readonly MaximumRetryAttempts?: number; readonly MaximumEventAgeInSeconds?: number };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly HttpParameters?: {
    readonly PathParameterValues?: string[];
    readonly HeaderParameters?: Record<string, string>;
    readonly QueryStringParameters?: Record<string, string>;
  };
}

/** `http`: an API destination, called for real; `bus`: another event bus; `inbox`: kept locally. */
export type DeliveryKind = "http" | "bus" | "inbox";

export function deliveryKind(targetArn: string): DeliveryKind {
  const arn = parseArn(targetArn);
  if (arn?.service !== "events") return "inbox";
  if (arn.resource.startsWith("api-destination/")) return "http";
  if (arn.resource.startsWith("event-bus/")) return "bus";
  return "inbox";
}

export function retryLimits(spec: TargetSpec): { maxAttempts: number; maxAgeMs: number } {
  const retries = spec.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
  const age = spec.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS;
  return { maxAttempts: retries + 1, maxAgeMs: age * 1000 };
}

export function inputSpec(spec: TargetSpec): TargetInputSpec {
  return {
    input: spec.Input,
    inputPath: spec.InputPath,
    inputTransformer: spec.InputTransformer && {
      inputPathsMap: spec.InputTransformer.InputPathsMap,
      inputTemplate: spec.InputTransformer.InputTemplate,
    },
  };
}

/**
 * Reads and checks one `Targets` member of PutTargets; throws AWS's ValidationException. The
 * target is kept as sent, so parameters the local bus does not use (SqsParameters,
 * KinesisParameters, EcsParameters…) still come back from ListTargetsByRule.
 */
export function readTargetSpec(target: Params): TargetSpec {
  const id = target.string("Id");
  const arn = target.string("Arn");
  const transformer = target.optionalObject("InputTransformer");
  const retry = target.optionalObject("RetryPolicy");
  const deadLetter = target.optionalObject("DeadLetterConfig");
  const http = target.optionalObject("HttpParameters");
  const spec: TargetSpec = {
    Id: id,
    Arn: arn,
    RoleArn: target.optionalString("RoleArn"),
    Input: target.optionalString("Input"),
    InputPath: target.optionalString("InputPath"),
    InputTransformer: transformer && {
      InputPathsMap: transformer.optionalStringMap("InputPathsMap"),
      InputTemplate: transformer.string("InputTemplate"),
    },
    RetryPolicy: retry && {
      MaximumRetryAttempts: retry.optionalNumber("MaximumRetryAttempts"),
      MaximumEventAgeInSeconds: retry.optionalNumber("MaximumEventAgeInSeconds"),
    },
    DeadLetterConfig: deadLetter && { Arn: deadLetter.optionalString("Arn") },
    HttpParameters: http && {
      PathParameterValues: http.has("PathParameterValues") ? http.stringList("PathParameterValues") : undefined,
      HeaderParameters: http.optionalStringMap("HeaderParameters"),
      QueryStringParameters: http.optionalStringMap("QueryStringParameters"),
    },
  };
  if (parseArn(arn) === undefined) throw invalid(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`);
  try {
    validateTargetInput(id, inputSpec(spec));
  } catch (error) {
    if (error instanceof TargetInputError) throw invalid(error.message);
    throw error;
  }
  return { ...target.verbatim(), ...(JSON.parse(JSON.stringify(spec)) as TargetSpec) };
}
