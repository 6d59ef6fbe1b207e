/**
 * Lab state share links: the pattern, the events and their expectations in a URL-safe string,
 * with the transport design links use (`lib/graph/link-codec.ts`: `v1.` + base64url(deflate)),
 * and a strict zod schema on decode, so a link can only ever open a well-formed lab.
 */
import { z } from "zod";
import { decodeLinkJson, encodeLinkJson, ShareLinkError, type LinkFormat, type ShareLinkErrorReason } from "@/lib/graph/link-codec";
import { MAX_LAB_EVENTS, type LabEvent } from "./events";

export type Expected = "match" | "no-match";

export interface LabState {
  readonly pattern: string;
  readonly events: readonly LabEvent[];
  /** Event id → what the event should do. */
  readonly expectations: Readonly<Record<string, Expected>>;
  /** What the events are; absent means EventBridge events. */
  readonly kind?: "eventbridge" | "kafka" | "sqs" | "kinesis" | "dynamodb";
}

export const LAB_LINK_VERSION = "v1";
export const MAX_LAB_LINK_BYTES = 8 * 1024 * 1024;
export const MAX_LAB_LINK_LENGTH = 2 * 1024 * 1024;

const LAB_LINK: LinkFormat = { version: LAB_LINK_VERSION, noun: "lab state", maxBytes: MAX_LAB_LINK_BYTES, maxLinkLength: MAX_LAB_LINK_LENGTH };

const labEventSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().max(1000),
  text: z.string(),
  origin: z.enum(["pasted", "upload", "catalogue", "archive", "schema", "design"]),
});

export const labStateSchema = z
  .strictObject({
    pattern: z.string(),
    events: z.array(labEventSchema).max(MAX_LAB_EVENTS),
    expectations: z.record(z.string(), z.enum(["match", "no-match"])),
    kind: z.enum(["eventbridge", "kafka", "sqs", "kinesis", "dynamodb"]).optional(),
  })
  .superRefine((state, ctx) => {
    const ids = new Set<string>();
    state.events.forEach((event, i) => {
      if (ids.has(event.id)) ctx.addIssue({ code: "custom", path: ["events", i, "id"], message: `Two events share the id "${event.id}"` });
      ids.add(event.id);
    });
    for (const id of Object.keys(state.expectations)) {
      if (!ids.has(id)) ctx.addIssue({ code: "custom", path: ["expectations", id], message: `An expectation refers to no event ("${id}")` });
    }
  });

export type LabLinkErrorReason = Exclude<ShareLinkErrorReason, "invalid-design"> | "invalid-lab-state";

export class LabLinkError extends Error {
  constructor(
    readonly reason: LabLinkErrorReason,
    message: string,
    readonly issues: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
    this.name = "LabLinkError";
  }
}

/** The link payload for a lab state; throws `LabLinkError` when it is not valid or too large. */
export function encodeLabLink(state: LabState): string {
  const valid = checked(state, "This lab cannot be shared");
  const link = encodeLinkJson(LAB_LINK, valid);
  if (link.length > MAX_LAB_LINK_LENGTH) {
    throw new LabLinkError("too-long", `This lab is too large to share by link (${link.length} characters, at most ${MAX_LAB_LINK_LENGTH}): remove some events`);
  }
  return link;
}

/** The lab state in a link payload, validated; throws `LabLinkError` for anything else. */
export function decodeLabLink(text: string): LabState {
  let value: unknown;
  try {
    value = decodeLinkJson(LAB_LINK, text);
  } catch (error) {
    if (error instanceof ShareLinkError && error.reason !== "invalid-design") throw new LabLinkError(error.reason, error.message);
    throw error;
  }
  return checked(value, "The link's lab state is not valid");
}

function checked(value: unknown, what: string): LabState {
  const parsed = labStateSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(link)", message: issue.message }));
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  throw new LabLinkError("invalid-lab-state", `${what}: ${shown}${more}`, issues);
}
