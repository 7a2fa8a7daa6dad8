/**
 * Files chosen in a form whose save was refused for another reason (a
 * missing field, a problem the loader found): a browser cannot fill a file
 * field again, so they are held here, in `<data>/uploads/held-<token>/`, and
 * the form sends the token back with the next save — staff fix the field and
 * save, without choosing the files again. A token is 128 random bits, is
 * taken only by the account that chose the files, lasts a day, and is let go
 * once the save succeeds.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A file chosen in a form: the form field it was chosen in, its name on the staff member's computer, its bytes. */
export interface Upload {
  field: string;
  name: string;
  bytes: Buffer;
}

interface Meta {
  owner: string;
  files: { field: string; name: string }[];
}

const TOKEN = /^[0-9a-f]{32}$/;
const LIFETIME_MS = 24 * 60 * 60 * 1000;

const folder = (dataDir: string, token: string) => join(dataDir, "uploads", `held-${token}`);

/** Holds `uploads` for `owner`; returns the token the form sends back. Held files older than a day are let go meanwhile. */
export async function holdUploads(dataDir: string, owner: string, uploads: readonly Upload[], now = Date.now()): Promise<string> {
  const root = join(dataDir, "uploads");
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith("held-")) continue;
    const made = await stat(join(root, name)).catch(() => undefined);
    if (made && now - made.mtimeMs > LIFETIME_MS) await rm(join(root, name), { recursive: true, force: true });
  }
  const token = randomBytes(16).toString("hex");
  const dir = folder(dataDir, token);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [i, u] of uploads.entries()) await writeFile(join(dir, String(i)), u.bytes, { mode: 0o600 });
  const meta: Meta = { owner, files: uploads.map(({ field, name }) => ({ field, name })) };
  await writeFile(join(dir, "meta.json"), JSON.stringify(meta), { mode: 0o600 });
  return token;
}

/**
 * The files held under `token` for `owner`: none for an empty token, and
 * undefined when the token is not one (malformed, another account's, older
 * than a day, or let go already).
 */
export async function heldUploads(dataDir: string, owner: string, token: string, now = Date.now()): Promise<Upload[] | undefined> {
  if (token === "") return [];
  if (!TOKEN.test(token)) return undefined;
  const dir = folder(dataDir, token);
  const made = await stat(dir).catch(() => undefined);
  if (!made || now - made.mtimeMs > LIFETIME_MS) return undefined;
  const meta = JSON.parse(await readFile(join(dir, "meta.json"), "utf8")) as Meta;
  if (meta.owner !== owner) return undefined;
  return Promise.all(meta.files.map(async (f, i) => ({ ...f, bytes: await readFile(join(dir, String(i))) })));
}

/** Lets the files held under `token` go (after the save that used them). */
export async function releaseUploads(dataDir: string, token: string): Promise<void> {
  if (TOKEN.test(token)) await rm(folder(dataDir, token), { recursive: true, force: true });
}
