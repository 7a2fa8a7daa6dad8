/**
 * The 预览 build process kept between builds (src/lib/build/warm-builder.ts):
 * a build reports its lines and status; a failed build reports the reason and
 * publishes nothing, the next build (in a new process) succeeds once the
 * content is fixed; the process leaves when idle. That its sites equal cold
 * builds after every kind of change is tested in incremental.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { WarmBuilder } from "../../src/lib/build/warm-builder.ts";
import { sampleContent } from "./helpers.ts";

const content = sampleContent();
const root = join(content, "..");
const out = join(root, "dist");
const builder = new WarmBuilder({
  cwd: process.cwd(),
  env: { WENMING_CONTENT: content, WENMING_OUT: out, WENMING_CACHE: join(root, "cache"), WENMING_ASTRO_CACHE: join(root, "astro"), WENMING_PREVIEW: "1", SKIP_POSTERS: "1" },
  idleMs: 1_000,
});
afterAll(() => builder.close());

async function build(asOf = "2026-11-22"): Promise<{ code: number; log: string }> {
  const lines: string[] = [];
  const code = await builder.build(asOf, (line) => lines.push(line));
  return { code, log: lines.join("\n") };
}

const person = join(content, "good-people/people/zhao-min.md");

describe("the 预览 build process", () => {
  it("builds, and builds again in the same process with the content as it now is", async () => {
    const first = await build();
    expect(first.code, first.log).toBe(0);
    expect(first.log).toContain("已输出到");
    const pid = builder.pid;
    writeFileSync(person, readFileSync(person, "utf8").replace("赵敏师范毕业后", "赵敏老师师范毕业后"));
    const second = await build();
    expect(second.code, second.log).toBe(0);
    expect(builder.pid).toBe(pid);
    expect(readFileSync(join(out, "good-people/zhao-min/index.html"), "utf8")).toContain("赵敏老师师范毕业后");
  }, 180_000);

  it("reports a failed build in Chinese, keeps the last site, and builds again once the content is fixed", async () => {
    const before = readFileSync(join(out, "good-people/zhao-min/index.html"), "utf8");
    const good = readFileSync(person, "utf8");
    writeFileSync(person, good.replace('batch: "2026-2"', 'batch: "2099-9"'));
    const failed = await build();
    expect(failed.code).not.toBe(0);
    expect(failed.log).toContain("构建失败，未发布任何内容");
    expect(failed.log).toContain("zhao-min.md");
    expect(readFileSync(join(out, "good-people/zhao-min/index.html"), "utf8")).toBe(before);
    expect(existsSync(`${out}.tmp`)).toBe(false);

    writeFileSync(person, good.replace("赵敏老师师范毕业后", "赵敏老师在师范毕业后"));
    const fixed = await build();
    expect(fixed.code, fixed.log).toBe(0);
    expect(readFileSync(join(out, "good-people/zhao-min/index.html"), "utf8")).toContain("赵敏老师在师范毕业后");
  }, 180_000);

  it("takes the as-of date of each build, not the last one's", async () => {
    // This black-list entry's publication period has ended by 2027-01-20: its page says so then, and not before.
    const entry = join(out, "integrity/black/2026-11-002/index.html");
    const later = await build("2027-01-20");
    expect(later.code, later.log).toBe(0);
    expect(later.log).toContain("数据截至 2027-01-20");
    expect(readFileSync(entry, "utf8")).toContain("停止公示");
    const back = await build("2026-11-22");
    expect(back.code, back.log).toBe(0);
    expect(readFileSync(entry, "utf8")).not.toContain("停止公示");
  }, 180_000);

  it("leaves when it has nothing to do", async () => {
    expect(builder.pid).toBeDefined();
    await sleep(3_000);
    expect(builder.pid).toBeUndefined();
  }, 30_000);

  it("ends a build when closed, reports it as failed, and starts nothing after", async () => {
    const index = join(out, "index.html");
    const site = existsSync(index) ? readFileSync(index, "utf8") : undefined;
    // Loaded first, so that the build is under way when it is closed.
    builder.warm();
    await sleep(3_000);
    const lines: string[] = [];
    const building = builder.build("2026-11-22", (line) => lines.push(line)).then((code) => ({ code }));
    // Generous: with the rest of the suite running on two cores, a fresh process took over 20 s to get there once.
    await expect.poll(() => lines.some((l) => l.includes("构建站点")), { timeout: 60_000 }).toBe(true);
    builder.close();
    expect((await building).code).not.toBe(0);
    expect(builder.pid).toBeUndefined();
    // Nothing published: the site is as it was (or still absent).
    expect(existsSync(index) ? readFileSync(index, "utf8") : undefined).toBe(site);
  }, 120_000);
});
