import { spawnSync } from "node:child_process";
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

/** A fresh copy of the sample content. */
export function sampleContent(): string {
  const root = join(mkdtempSync(join(tmpdir(), "wenming-content-")), "content");
  cpSync("content", root, { recursive: true });
  return root;
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
