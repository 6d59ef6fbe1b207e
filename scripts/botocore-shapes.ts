/**
 * The part of a botocore model the local services check requests against: the input shapes of
 * its operations, trimmed to their constraints (members in AWS's order, required members,
 * lengths, ranges, patterns, enums), written one entry a line. Shared by the model generators.
 */
import { botocoreModel, readBotocoreModel, type BotocoreModel, type BotocoreShape } from "../lib/emulator/protocol/botocore";

/** The model of a given file, or of the botocore `python3` imports. */
export function readModel(service: string, given: string | undefined): { model: BotocoreModel; version: string; file: string } {
  if (given !== undefined) return { model: readBotocoreModel(given), version: "given file", file: given };
  const found = botocoreModel("python3", service);
  if (found === undefined) throw new Error(`python3 imports no botocore with a ${service} model; give the service-2.json file as an argument.`);
  return found;
}

/** The shapes reachable from the operations' inputs, in a stable order. */
export function reachable(model: BotocoreModel): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const shape = model.shapes[name];
    for (const ref of Object.values(shape.members ?? {})) visit(ref.shape);
    for (const ref of [shape.member, shape.key, shape.value]) if (ref !== undefined) visit(ref.shape);
  };
  for (const operation of Object.values(model.operations)) if (operation.input !== undefined) visit(operation.input.shape);
  return [...seen].sort();
}

/** `enumInMessages`: the order AWS lists the enum in its messages, when that differs from the model's. */
export function trimmed(shape: BotocoreShape, enumInMessages?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { type: shape.type };
  if (shape.members !== undefined) out.members = Object.fromEntries(Object.entries(shape.members).map(([member, ref]) => [member, ref.shape]));
  if (shape.required !== undefined) out.required = shape.required;
  if (shape.member !== undefined) out.member = shape.member.shape;
  if (shape.key !== undefined) out.key = shape.key.shape;
  if (shape.value !== undefined) out.value = shape.value.shape;
  for (const key of ["min", "max", "pattern", "enum", "sensitive"] as const) if (shape[key] !== undefined) out[key] = shape[key];
  if (enumInMessages !== undefined) out.enumInMessages = enumInMessages;
  return out;
}

/** Operation name → its input shape's name, sorted. */
export function operationInputs(model: BotocoreModel): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(model.operations)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, operation]) => [name, operation.input?.shape ?? null]),
  );
}

/** One entry a line: `    Name: {…},`. */
export const lines = (record: Record<string, unknown>) =>
  Object.entries(record)
    .map(([key, value]) => `    ${key}: ${JSON.stringify(value)},`)
    .join("\n");
