import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BAD = "tests/fixtures/bad";

/** A copy of the sample content with one bad-content fixture laid over it. */
export function contentWith(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wenming-${fixture}-`));
  const root = join(dir, "content");
  cpSync("content", root, { recursive: true });
  cpSync(join(BAD, fixture, "content"), root, { recursive: true });
  return root;
}
