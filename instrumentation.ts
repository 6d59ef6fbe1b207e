/**
 * Runs once when the server starts, before it takes requests: creates the data folder and
 * applies pending migrations, so a fresh checkout needs no manual database step; then starts the
 * local EventBridge, whose dispatcher resumes deliveries and replays a previous run left pending.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { ensureDatabase } = await import("./lib/db");
    await ensureDatabase();
    const { getBusRuntime } = await import("./lib/emulator/runtime");
    await getBusRuntime();
  }
}
