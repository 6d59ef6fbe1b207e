/** For tests: a migrated SQLite database in a fresh temporary folder, gone again after `remove`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, getDb, type Db } from "./index";

export interface ScratchDatabase {
  readonly url: string;
  readonly db: Db;
  remove(): Promise<void>;
}

export async function openScratchDatabase(name: string): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `switchyard-${name}-`));
  const url = `file:${join(dir, `${name}.db`)}`;
  return {
    url,
    db: await getDb(url),
    async remove() {
      await closeDb(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
