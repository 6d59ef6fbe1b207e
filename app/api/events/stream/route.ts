// Live tail of newly stored events as server-sent events (`data: <EventSummary JSON>`), optionally
// narrowed by `bus`, `source` and `detailType` query parameters.
import { route } from "@/lib/boundary";
import { summary } from "@/lib/explorer/index";
import { getBusRuntime } from "@/lib/emulator/runtime";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export const GET = route(async (request: Request) => {
  const runtime = await getBusRuntime();
  const params = new URL(request.url).searchParams;
  const want = (key: string, value: string) => {
    const wanted = params.get(key);
    return wanted === null || wanted === "" || wanted === value;
  };
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const unsubscribe = runtime.writer.onCommitted((events) => {
        for (const event of events) {
          if (want("bus", event.busArn) && want("source", event.source) && want("detailType", event.detailType)) {
            send(`data: ${JSON.stringify(summary(event))}\n\n`);
          }
        }
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        stop();
        controller.close();
      });
      send(": tailing\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
});
