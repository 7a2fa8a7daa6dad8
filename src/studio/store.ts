/**
 * The content folder as the workbench changes it. Every change is checked
 * by the same loader as the build (on a copy of the folder made of hard
 * links, with the change applied) and written only when it brings no new
 * problem (the folder's own problems are remembered between saves while no
 * file changes, so a save loads the content once, not twice); every write is a
 * git commit authored by the account, with a Chinese message. Paths from
 * requests are resolved here and nowhere else: inside the content folder,
 * no `..`, no encoded or absolute paths, no symlinks out.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, realpathSync, type Dirent } from "node:fs";
import { copyFile, cp, link, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { loadContent, type SiteContent } from "../lib/content/load.ts";
import { ContentError, formatProblem, type ContentProblem } from "../lib/content/problems.ts";
import type { IsoDate } from "../primitives/dates.ts";

/** New bytes per path relative to the content folder; null deletes the file. */
export type Changes = Map<string, Buffer | null>;

export class PathError extends Error {}

/** A request's relative path made safe, or a PathError. */
export function safeRelative(rel: string): string {
  let decoded = rel;
  // Decode until stable: %252e%252e is ".." twice encoded.
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(decoded); i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      throw new PathError(`路径无效：${rel}`);
    }
  }
  if (decoded !== rel || /[\u0000-\u001F\\]/.test(rel) || isAbsolute(rel) || rel.split("/").some((p) => p === ".." || p === "." || p === "")) throw new PathError(`路径不在内容目录内：${rel}`);
  return rel;
}

export interface SaveResult {
  ok: boolean;
  /** Problems the change would bring (the change was not written). */
  problems: ContentProblem[];
  /** Problems that were there before the change (other files); shown, not blocking. */
  existing: ContentProblem[];
  warnings: string[];
  commit?: string;
}

export interface Author {
  name: string;
}

export interface HistoryItem {
  hash: string;
  author: string;
  date: string;
  message: string;
}

function digest(bytes: Buffer | null): string {
  return bytes === null ? "absent" : createHash("sha256").update(bytes).digest("hex");
}

/** Every entry of the content folder but .git, by path relative to `root`, each folder before what it holds. */
async function* contentEntries(root: string, dir = ""): AsyncGenerator<{ rel: string; entry: Dirent }> {
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    if (entry.name === ".git") continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    yield { rel, entry };
    if (entry.isDirectory()) yield* contentEntries(root, rel);
  }
}

/** Every file of the content folder (but .git) by relative path, with size, modification time and inode: any write changes one of them. */
async function treeState(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const { rel, entry } of contentEntries(root)) {
    if (entry.isDirectory()) continue;
    const st = await lstat(join(root, rel), { bigint: true });
    out.set(rel, `${st.size}:${st.mtimeNs}:${st.ino}`);
  }
  return out;
}

function stateKey(state: Map<string, string>, except: ReadonlySet<string> = new Set()): string {
  const hash = createHash("sha256");
  for (const rel of [...state.keys()].sort()) if (!except.has(rel)) hash.update(`${rel}\0${state.get(rel)}\n`);
  return hash.digest("hex");
}

/**
 * The content folder linked into `copy`, file by file (hard links: no bytes
 * are copied); a file that cannot be linked (another file system) is copied.
 * Whoever changes a file of the copy must remove it first, or the change
 * would reach the original through the link (check() does).
 */
async function linkTree(root: string, copy: string): Promise<void> {
  await mkdir(copy, { recursive: true });
  for await (const { rel, entry } of contentEntries(root)) {
    const from = join(root, rel);
    const to = join(copy, rel);
    if (entry.isDirectory()) await mkdir(to);
    else if (entry.isFile()) await link(from, to).catch(() => copyFile(from, to));
    else await cp(from, to, { verbatimSymlinks: true });
  }
}

export class ContentStore {
  readonly root: string;
  private readonly git: SimpleGit;
  private queue: Promise<unknown> = Promise.resolve();
  /** The problems of the folder as it is, for the state (treeState) and date they were found in: not found again while the folder is unchanged. */
  private baseline: { key: string; asOf: IsoDate; problems: ContentProblem[] } | undefined;

  constructor(root: string) {
    this.root = realpathSync(resolve(root));
    this.git = simpleGit({ baseDir: this.root, config: ["user.name=文明办工作台", "user.email=studio@wenming.invalid", "core.quotepath=false", "commit.gpgsign=false"] });
  }

  /** Makes the content folder a git repository when it is not one yet (its first commit holds the content as it is). */
  async ensureRepository(): Promise<void> {
    // Inside a repository that tracks it (the project's own content/): use that one. Outside any, or ignored by the enclosing one: its own.
    if (await this.git.checkIsRepo()) {
      const ignored = await this.git.raw(["check-ignore", "-q", "."]).then(
        () => true,
        () => false,
      );
      if (!ignored) return;
    }
    await this.git.init();
    await this.git.add(".");
    await this.git.commit("工作台：建立内容版本库", undefined, { "--author": "文明办工作台 <studio@wenming.invalid>", "--allow-empty": null });
  }

  /** Absolute path of `rel`, checked to stay inside the content folder (symlinks included). */
  path(rel: string): string {
    const safe = safeRelative(rel);
    const full = join(this.root, safe);
    // The nearest existing ancestor must really be inside the folder: a symlinked directory could point anywhere.
    let probe = full;
    while (!existsSync(probe)) probe = dirname(probe);
    const real = realpathSync(probe);
    if (real !== this.root && !real.startsWith(this.root + sep)) throw new PathError(`路径不在内容目录内：${rel}`);
    if (existsSync(full) && lstatSync(full).isSymbolicLink()) throw new PathError(`不能修改符号链接：${rel}`);
    return full;
  }

  async read(rel: string): Promise<Buffer | null> {
    const full = this.path(rel);
    return existsSync(full) ? readFile(full) : null;
  }

  async readText(rel: string): Promise<string | null> {
    return (await this.read(rel))?.toString("utf8") ?? null;
  }

  /** Digest of each file's current bytes, to notice a change made in between (pending approvals, undo). */
  async digests(rels: Iterable<string>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const rel of rels) out[rel] = digest(await this.read(rel));
    return out;
  }

  /** Runs `fn` after every earlier write has finished: one writer at a time. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Loads the content with `changes` applied, as the build would; problems instead of a throw. */
  async check(changes: Changes, asOf: IsoDate): Promise<{ content?: SiteContent; problems: ContentProblem[] }> {
    const parent = await mkdtemp(join(tmpdir(), "wenming-studio-"));
    const copy = join(parent, basename(this.root));
    try {
      await linkTree(this.root, copy);
      for (const [rel, bytes] of changes) {
        const target = join(copy, safeRelative(rel));
        // Removed first in every case: the copy's files are links to the originals.
        await rm(target, { force: true });
        if (bytes !== null) {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, bytes);
        }
      }
      try {
        return { content: await loadContent(copy, asOf), problems: [] };
      } catch (error) {
        if (error instanceof ContentError) return { problems: error.problems.map((p) => ({ ...p, file: p.file.split("/").slice(1).join("/") })) };
        throw error;
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }

  /** The problems `changes` would bring (fresh) and those already there (existing): a change is refused only for fresh ones, so an old problem elsewhere never blocks fixing it. */
  async newProblems(
    changes: Changes,
    asOf: IsoDate,
    state?: Map<string, string>,
  ): Promise<{ fresh: ContentProblem[]; existing: ContentProblem[]; after: { content?: SiteContent; problems: ContentProblem[] } }> {
    const before = await this.problemsNow(asOf, state);
    const after = await this.check(changes, asOf);
    const known = new Set(before.problems.map((p) => formatProblem(p)));
    return { fresh: after.problems.filter((p) => !known.has(formatProblem(p))), existing: after.problems.filter((p) => known.has(formatProblem(p))), after };
  }

  /** The problems of the folder as it is (check() without changes), found again only when a file changed since; `state`: its treeState, when just read. */
  async problemsNow(asOf: IsoDate, state?: Map<string, string>): Promise<{ problems: ContentProblem[] }> {
    const key = stateKey(state ?? (await treeState(this.root)));
    if (this.baseline?.key === key && this.baseline.asOf === asOf) return { problems: this.baseline.problems };
    const { problems } = await this.check(new Map(), asOf);
    // Kept only if nothing changed while it was checked.
    if (stateKey(await treeState(this.root)) === key) this.baseline = { key, asOf, problems };
    return { problems };
  }

  /** Checks `changes` with the build's loader and, when they bring no new problem, writes and commits them. */
  save(changes: Changes, message: string, author: Author, asOf: IsoDate, expected?: Record<string, string>): Promise<SaveResult> {
    return this.serial(async () => {
      if (expected) {
        const now = await this.digests(Object.keys(expected));
        const moved = Object.keys(expected).filter((rel) => now[rel] !== expected[rel]);
        if (moved.length > 0) return { ok: false, problems: moved.map((file) => ({ file, message: "该文件在此期间已被他人修改，本次修改未写入：请重新打开后再改" })), existing: [], warnings: [] };
      }
      const written = new Set(changes.keys());
      const state = await treeState(this.root);
      const untouched = stateKey(state, written);
      const { fresh, existing, after } = await this.newProblems(changes, asOf, state);
      if (fresh.length > 0) return { ok: false, problems: fresh, existing, warnings: [] };
      await this.write(changes);
      const commit = await this.commit([...changes.keys()], message, author);
      // What was checked is now the folder, unless another file changed meanwhile: the next save need not check it again.
      const now = await treeState(this.root);
      this.baseline = stateKey(now, written) === untouched ? { key: stateKey(now), asOf, problems: after.problems } : undefined;
      return { ok: true, problems: [], existing, warnings: after.content?.warnings ?? [], commit };
    });
  }

  /** Writes without checking: only for files the checks do not cover (the ledger after a build). */
  async write(changes: Changes): Promise<void> {
    for (const [rel, bytes] of changes) {
      const full = this.path(rel);
      if (bytes === null) await rm(full, { force: true });
      else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(`${full}.tmp`, bytes);
        await rename(`${full}.tmp`, full);
      }
    }
  }

  async commit(rels: string[], message: string, author: Author, options: { allowEmpty?: boolean } = {}): Promise<string> {
    await this.git.raw(["add", "-A", "--", ...rels]);
    const flags: Record<string, string | null> = { "--author": `${author.name} <${encodeURIComponent(author.name)}@studio.wenming.invalid>` };
    if (options.allowEmpty) flags["--allow-empty"] = null;
    const result = await this.git.commit(message, options.allowEmpty ? [] : rels, flags);
    return result.commit;
  }

  /** The commit the content is at (changes with every save). */
  async head(): Promise<string> {
    return (await this.git.revparse(["HEAD"])).trim();
  }

  async history(limit = 100): Promise<HistoryItem[]> {
    const format = "--format=%H%x1f%an%x1f%aI%x1f%s";
    // Changes to the content folder, and publications (commits that may change no file, so a path filter would hide them).
    const [changes, publications] = await Promise.all([this.git.raw(["log", `-n${limit}`, format, "--", "."]), this.git.raw(["log", `-n${limit}`, format, "--grep=^发布：", "--extended-regexp"])]);
    const items = new Map<string, HistoryItem>();
    for (const line of `${changes}\n${publications}`.split("\n").filter(Boolean)) {
      const [hash = "", author = "", date = "", message = ""] = line.split("\x1f");
      items.set(hash, { hash, author, date, message });
    }
    return [...items.values()].sort((a, b) => b.date.localeCompare(a.date)).slice(0, limit);
  }

  /**
   * The changes that undo commit `hash`: each of its files back to what it
   * was before. Refused when a file was changed again since (undo the later
   * change first), so an undo never silently drops someone's later work.
   */
  async undoChanges(hash: string): Promise<{ changes: Changes; message: string; files: string[] } | { error: string }> {
    if (!/^[0-9a-f]{40}$/.test(hash)) return { error: "记录编号无效" };
    const message = (await this.git.raw(["log", "-n1", "--format=%s", hash])).trim();
    const files = (await this.git.raw(["show", "--name-only", "--relative", "--format=", hash])).split("\n").filter(Boolean);
    if (files.length === 0) return { error: "这条记录没有修改内容文件（如发布记录），无需撤销" };
    const changes: Changes = new Map();
    for (const rel of files) {
      const after = await this.blob(hash, rel);
      const now = await this.read(rel);
      if (digest(after) !== digest(now)) return { error: `“${rel}”在这次修改之后又被改过，请先撤销之后的修改` };
      changes.set(rel, await this.blob(`${hash}^`, rel));
    }
    return { changes, message, files };
  }

  private async blob(rev: string, rel: string): Promise<Buffer | null> {
    try {
      return Buffer.from(await this.git.binaryCatFile(["-p", `${rev}:./${rel}`]));
    } catch {
      return null;
    }
  }

  /** Path of `full` relative to the content folder, for messages. */
  relative(full: string): string {
    return relative(this.root, full);
  }
}
