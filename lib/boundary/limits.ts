/**
 * How large a request body the boundary lets in, per route: a larger body is answered 413 before
 * more than the limit is read.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * AWS caps a PutEvents request's entries and an SQS message or SendMessageBatch at 1 MiB
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html);
 * the JSON request that carries them (keys, escaped quotes) is allowed twice that.
 */
export const AWS_REQUEST_BODY_LIMIT = 2 * MiB;

/** A design saved or uploaded: as large as a share link may carry (lib/graph MAX_DESIGN_BYTES). */
export const DESIGN_BODY_LIMIT = 8 * MiB;

/** The lab's "Verify with AWS": the pattern and up to 200 events. */
export const LAB_VERIFY_BODY_LIMIT = 8 * MiB;

/** One event posted by a real account's API destination: EventBridge's 1 MiB entry. */
export const INGEST_BODY_LIMIT = 1 * MiB;

/** Every other route takes a small JSON object (ids, names, settings). */
export const DEFAULT_BODY_LIMIT = 256 * KiB;

const ROUTE_LIMITS: readonly (readonly [RegExp, number])[] = [
  [/^\/api\/designs\/?$/, DESIGN_BODY_LIMIT],
  [/^\/api\/designs\/[^/]+\/?$/, DESIGN_BODY_LIMIT],
  [/^\/api\/lab\/verify\/?$/, LAB_VERIFY_BODY_LIMIT],
  [/^\/api\/events\/ingest\/?$/, INGEST_BODY_LIMIT],
];

/** The largest body any request may have (Next.js buffers bodies up to this for proxy.ts). */
export const LARGEST_BODY_LIMIT = Math.max(AWS_REQUEST_BODY_LIMIT, DEFAULT_BODY_LIMIT, ...ROUTE_LIMITS.map(([, limit]) => limit));

/** The body limit of an app route (pages and /api). */
export function appBodyLimit(pathname: string): number {
  return ROUTE_LIMITS.find(([pattern]) => pattern.test(pathname))?.[1] ?? DEFAULT_BODY_LIMIT;
}
