/** Installed versions of dependencies, for cache keys. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A dependency's version, found by walking up from its entry file (some packages do not export package.json). */
export function packageVersion(pkg: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  while (dir !== dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === pkg) return json.version ?? "?";
    }
    dir = dirname(dir);
  }
  return "?";
}
