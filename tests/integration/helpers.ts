import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadContent } from "../../src/lib/content/load.ts";
import { ContentError } from "../../src/lib/content/problems.ts";

export const BAD = "tests/fixtures/bad";

/** A copy of the sample content with one bad-content fixture laid over it. */
export function contentWith(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wenming-${fixture}-`));
  const root = join(dir, "content");
  cpSync("content", root, { recursive: true });
  cpSync(join(BAD, fixture, "content"), root, { recursive: true });
  return root;
}

/** A fresh copy of the sample content. */
export function sampleContent(): string {
  const root = join(mkdtempSync(join(tmpdir(), "wenming-content-")), "content");
  cpSync("content", root, { recursive: true });
  return root;
}

/** A change to a copy of the content folder. */
export type Change = (root: string) => void;

/** Replaces one piece of text in a content file; fails loudly when the text is not there. */
export function edit(rel: string, from: string | RegExp, to: string): Change {
  return (root) => {
    const path = join(root, rel);
    const text = readFileSync(path, "utf8");
    if (!(typeof from === "string" ? text.includes(from) : from.test(text))) throw new Error(`${rel}: “${String(from)}” not found`);
    writeFileSync(path, text.replace(from, to));
  };
}

/** The problems (one formatted line each) the loader reports after `change` to a fresh copy of the sample content. */
export async function problemsAfter(change: Change, asOf = "2026-11-22"): Promise<string[]> {
  const root = sampleContent();
  change(root);
  try {
    await loadContent(root, asOf);
    return [];
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.message.split("\n").slice(1);
  }
}

export interface BuildOptions {
  content: string;
  out: string;
  /** Folder for every cache of this build (posters, search, Astro's); a new one means a cold build. */
  caches: string;
  asOf?: string;
  skipPosters?: boolean;
  env?: Record<string, string>;
}

/** `npm run build` in a child process with its own output and caches. */
export function buildSite(o: BuildOptions): { code: number | null; log: string } {
  const r = spawnSync(process.execPath, ["scripts/build.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      AS_OF: o.asOf ?? "2026-11-22",
      WENMING_CONTENT: o.content,
      WENMING_OUT: o.out,
      WENMING_CACHE: join(o.caches, "wenming"),
      WENMING_ASTRO_CACHE: join(o.caches, "astro"),
      ...(o.skipPosters ? { SKIP_POSTERS: "1" } : {}),
      ...o.env,
    },
  });
  return { code: r.status, log: r.stdout + r.stderr };
}
