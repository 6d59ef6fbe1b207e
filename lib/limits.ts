/**
 * AWS's and the product's size limits, each named once. Browser-safe: the forms read them too.
 */

/**
 * EventBridge's default quota on a rule's event pattern, in characters ("Event pattern size",
 * adjustable). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
 */
export const EVENT_PATTERN_DEFAULT_QUOTA = 2048;

/**
 * The longest event pattern EventBridge's API takes (PutRule, CreateArchive, TestEventPattern):
 * the quota above raised to its ceiling.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
 */
export const EVENT_PATTERN_MAX_LENGTH = 4096;

/** The longest pattern of one Lambda filter criterion (`Filter.Pattern`). https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html */
export const LAMBDA_FILTER_PATTERN_MAX_LENGTH = 4096;

/**
 * A target's retry policy: the bounds EventBridge accepts, whose maxima are also its defaults
 * (185 attempts, 24 hours). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html
 */
export const RETRY_POLICY_LIMITS = {
  maximumRetryAttempts: { min: 0, max: 185 },
  maximumEventAgeInSeconds: { min: 60, max: 86_400 },
} as const;

export const DEFAULT_RETRY_ATTEMPTS = RETRY_POLICY_LIMITS.maximumRetryAttempts.max;
export const DEFAULT_EVENT_AGE_SECONDS = RETRY_POLICY_LIMITS.maximumEventAgeInSeconds.max;

/** The product's limit on a design's name, in characters (forms, the API, imported designs). */
export const DESIGN_NAME_MAX_LENGTH = 120;
