/** Adding events to the lab's set: ids stay unique (a catalogue event picked twice gets `-2`). */
import type { LabEvent } from "@/lib/lab";

export function appendEvents(existing: readonly LabEvent[], added: readonly LabEvent[]): LabEvent[] {
  const taken = new Set(existing.map((e) => e.id));
  const result = [...existing];
  for (const event of added) {
    let id = event.id;
    for (let n = 2; taken.has(id); n++) id = `${event.id}-${n}`;
    taken.add(id);
    result.push(id === event.id ? event : { ...event, id });
  }
  return result;
}
