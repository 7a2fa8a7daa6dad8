/**
 * Four eyes for the red and black lists: a change to a list (import,
 * correction, removal, undo) is kept here, outside the content, until an
 * account with the 审核 role other than its author approves it. Only then is
 * it written and committed, so neither a build nor a publication can carry
 * a list change nobody else has seen.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface PendingChange {
  id: string;
  /** Account that made the change. */
  author: string;
  created: string;
  /** What it does, in staff language, e.g. 黑榜：导入 市监局 2026-11 报送 8 条. */
  summary: string;
  /** New bytes (base64) per file relative to the content folder; null deletes. */
  files: Record<string, string | null>;
  /** Digest of each file when the change was made: approval is refused if a file changed since. */
  base: Record<string, string>;
  /** List entry ids the change adds to the ledger once approved. */
  ledger: string[];
}

const ID = /^[0-9a-f]{16}$/;

export class Pending {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, "pending");
  }

  add(change: Omit<PendingChange, "id" | "created">): PendingChange {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const full: PendingChange = { ...change, id: randomBytes(8).toString("hex"), created: new Date().toISOString() };
    const file = join(this.dir, `${full.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(full));
    renameSync(`${file}.tmp`, file);
    return full;
  }

  list(): PendingChange[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => n.endsWith(".json"))
      .map((n) => JSON.parse(readFileSync(join(this.dir, n), "utf8")) as PendingChange)
      .sort((a, b) => a.created.localeCompare(b.created));
  }

  get(id: string): PendingChange | undefined {
    if (!ID.test(id)) return undefined;
    const file = join(this.dir, `${id}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PendingChange) : undefined;
  }

  remove(id: string): void {
    if (ID.test(id)) rmSync(join(this.dir, `${id}.json`), { force: true });
  }
}
