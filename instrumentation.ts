/**
 * Runs once when the server starts, before it takes requests: reads the boundary's settings (a
 * malformed host list stops the start, naming its variable), creates the data folder and applies
 * pending migrations, so a fresh checkout needs no manual database step; then starts the local
 * EventBridge, whose dispatcher resumes deliveries and replays a previous run left pending.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boundarySettings } = await import("./lib/boundary");
    boundarySettings();
    const { ensureDatabase } = await import("./lib/db");
    await ensureDatabase();
    const { getBusRuntime } = await import("./lib/emulator/runtime");
    await getBusRuntime();
  }
}
