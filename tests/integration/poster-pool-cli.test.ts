/** The poster renderer as the build and staff run it: the process pool with its cache, and the CLI. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { poolShape, renderJobs } from "../../src/lib/poster/pool.ts";
import type { PosterInput } from "../../src/lib/poster/templates.ts";

const identity = { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#A8201A", accent: "#8A5A00" };
const slogan: PosterInput = { name: "测试广告", template: "slogan", slogan: "文明交通 从我做起", sub: "礼让斑马线 出行戴头盔", qrUrl: "https://wenming.example.gov.cn/ads/x/", identity };

describe("render cache", () => {
  it("renders an ad once and copies it after that; a changed ad renders again", async () => {
    const cache = mkdtempSync(join(tmpdir(), "wenming-cache-"));
    const out = mkdtempSync(join(tmpdir(), "wenming-out-"));
    const jobs = [{ input: slogan, size: "square", formats: ["png" as const, "webp" as const], paths: ["posters/t/t-square.png", "posters/t/t-square.webp"] }];
    expect(await renderJobs(jobs, out, cache)).toEqual({ rendered: 1, cached: 0, errors: [] });
    expect(await renderJobs(jobs, out, cache)).toEqual({ rendered: 0, cached: 1, errors: [] });
    const changed = [{ ...jobs[0]!, input: { ...slogan, sub: "另一句副标语" } }];
    expect(await renderJobs(changed, out, cache)).toEqual({ rendered: 1, cached: 0, errors: [] });
    expect(readdirSync(cache)).toHaveLength(4);
    expect(readdirSync(join(out, "posters", "t")).sort()).toEqual(["t-square.png", "t-square.webp"]);
  });

  it.each([1, 2, 3, 4])("renders every job, none lost or mixed up, with the pool shaped for %i cores (several jobs in flight per renderer)", async (cores) => {
    const names = ["一", "二", "三", "四", "五", "六", "七"];
    const jobs = names.map((n, i) => ({
      input: { ...slogan, sub: `第${n}号` },
      size: i % 2 ? "square" : "wechat-cover",
      formats: ["png" as const],
      paths: [`posters/t/t-${i}.png`],
    }));
    const out = mkdtempSync(join(tmpdir(), "wenming-out-"));
    expect(await renderJobs(jobs, out, mkdtempSync(join(tmpdir(), "wenming-cache-")), { cores })).toEqual({ rendered: 7, cached: 0, errors: [] });
    for (const [i] of jobs.entries()) {
      const meta = await sharp(join(out, "posters", "t", `t-${i}.png`)).metadata();
      expect([meta.width, meta.height]).toEqual(i % 2 ? [1080, 1080] : [900, 383]);
    }
  });

  it.each([
    ["before any job", 0],
    ["after the third job", 3],
  ])("stops taking jobs when told to (%s): the ones in hand finish and are cached, the rest are rendered by the next call", async (_when, after) => {
    const jobs = Array.from({ length: 12 }, (_, i) => ({ input: { ...slogan, sub: `第${i + 1}号` }, size: "wechat-cover", formats: ["png" as const], paths: [`posters/t/t-${i}.png`] }));
    const cache = mkdtempSync(join(tmpdir(), "wenming-cache-"));
    const stop = new AbortController();
    if (after === 0) stop.abort();
    let done = 0;
    const watch = setInterval(() => {
      done = readdirSync(cache).length;
      if (done >= after) stop.abort();
    }, 5);
    const first = await renderJobs(jobs, undefined, cache, { cores: 1, stop: stop.signal });
    clearInterval(watch);
    expect(first.errors).toEqual([]);
    if (after === 0) expect(first.rendered).toBe(0);
    // One job in flight on one raster thread: at most one more finishes after the stop.
    else expect(first.rendered).toBeGreaterThanOrEqual(after);
    expect(first.rendered).toBeLessThan(jobs.length);
    expect(readdirSync(cache)).toHaveLength(first.rendered);
    const out = mkdtempSync(join(tmpdir(), "wenming-out-"));
    expect(await renderJobs(jobs, out, cache)).toEqual({ rendered: jobs.length - first.rendered, cached: first.rendered, errors: [] });
    expect(readdirSync(join(out, "posters", "t"))).toHaveLength(jobs.length);
  });

  it.each([
    [1, { renderers: 1, threads: 1 }],
    [2, { renderers: 1, threads: 2 }],
    [3, { renderers: 1, threads: 2 }],
    [8, { renderers: 4, threads: 2 }],
  ])("%i cores: %j", (cores, shape) => expect(poolShape(cores)).toEqual(shape));
});

describe("poster CLI", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ["scripts/poster.ts", ...args], { encoding: "utf8" });
  it("writes the requested sizes and exits 0", () => {
    const out = mkdtempSync(join(tmpdir(), "wenming-cli-"));
    const r = cli("--slogan", "文明交通 从我做起", "--sub", "礼让斑马线", "--size", "square,wechat-cover", "--out", out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("完成：共写入 3 个文件");
    // WebP only where the site shows the poster (square, phone); other screen sizes on request.
    expect(readdirSync(out).sort()).toEqual(["文明交通-从我做起-square.png", "文明交通-从我做起-square.webp", "文明交通-从我做起-wechat-cover.png"]);
  });
  it("renders formats on request", () => {
    const out = mkdtempSync(join(tmpdir(), "wenming-cli-"));
    const r = cli("--slogan", "文明交通 从我做起", "--size", "wechat-cover,a3", "--format", "webp,pdf", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["文明交通-从我做起-a3.pdf", "文明交通-从我做起-wechat-cover.webp"]);
  });
  it("renders an ad file from content/ads", () => {
    const out = mkdtempSync(join(tmpdir(), "wenming-cli-"));
    const r = cli("content/ads/yangquan.yaml", "--size", "phone", "--format", "png", "--out", out);
    expect(r.status).toBe(0);
    expect(readdirSync(out)).toEqual(["yangquan-phone.png"]);
  });
  it("draws every design from the command line with a photo, a palette, a focus, a credit and a partner logo", async () => {
    const out = mkdtempSync(join(tmpdir(), "wenming-cli-"));
    const photo = join(out, "照片.jpg");
    await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#3a7ab8" } })
      .jpeg()
      .toFile(photo);
    const logo = join(out, "partner.png");
    await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 80, b: 160, alpha: 1 } } })
      .png()
      .toFile(logo);
    for (const template of ["slogan", "photo", "traditional", "rules"]) {
      const r = cli(
        "--slogan",
        "文明祭扫 绿色清明",
        "--template",
        template,
        "--image",
        photo,
        "--focus",
        "60,40",
        "--credit",
        "摄影：李明",
        "--palette",
        "清明绿",
        "--partner-logo",
        logo,
        "--dos",
        "鲜花祭扫；错峰出行",
        "--donts",
        "不焚烧纸钱",
        "--size",
        "phone",
        "--format",
        "png",
        "--out",
        join(out, template),
      );
      expect(r.status, r.stderr).toBe(0);
      const [file] = readdirSync(join(out, template));
      const png = await sharp(join(out, template, file ?? ""))
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([png.info.width, png.info.height]).toEqual([1080, 1920]);
      // The palette's green is on the poster; the site's red is not.
      let green = 0;
      for (let i = 0; i < png.data.length; i += png.info.channels) if (png.data[i] === 0x1e && png.data[i + 1] === 0x5b && png.data[i + 2] === 0x3a) green++;
      expect(green, template).toBeGreaterThan(10_000);
    }
    // An explicit colour wins over the palette.
    const r = cli("--slogan", "文明祭扫", "--colour", "#0B4A7A,#1F5F8B", "--size", "square", "--format", "png", "--out", join(out, "colour"));
    expect(r.status, r.stderr).toBe(0);
  });
  it("warns when a picture would print soft and refuses one far too small for the size", async () => {
    const out = mkdtempSync(join(tmpdir(), "wenming-cli-"));
    const small = join(out, "small.jpg");
    await sharp({ create: { width: 900, height: 600, channels: 3, background: "#3a7ab8" } })
      .jpeg()
      .toFile(small);
    const soft = cli("--slogan", "文明祭扫", "--template", "photo", "--image", small, "--size", "phone", "--out", out);
    expect(soft.status).toBe(0);
    expect(soft.stderr).toMatch(/警告：图片为 900×600 像素，尺寸 phone 需要约 \d+×\d+ 像素/);
    const refused = cli("--slogan", "文明祭扫", "--template", "photo", "--image", small, "--size", "a3", "--out", out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/错误：图片为 900×600 像素，尺寸 a3 需要约 \d+×\d+ 像素（300 dpi）.*明显模糊/);
  });
  it.each([
    [["--slogan", "文明", "--size", "huge"], 2, "未知尺寸 huge"],
    [["--slogan", "文明", "--template", "poster"], 2, "未知版式 poster"],
    [["--slogan", "文明", "--template", "photo"], 2, "photo（图片）版式需要填写 image（主图）"],
    [["--slogan", "文明", "--image", "no-such.jpg"], 2, "找不到图片文件“no-such.jpg”"],
    [["--slogan", "文明", "--image", "package.json"], 2, "无法识别的图片文件"],
    [["--slogan", "文明", "--focus", "120,40"], 2, "--focus 应为“横向%,纵向%”"],
    [["--slogan", "文明", "--focus", "左上"], 2, "--focus 应为“横向%,纵向%”"],
    [["--slogan", "文明", "--palette", "紫罗兰"], 2, "未知配色“紫罗兰”；可用：中国红、清明绿、海洋蓝"],
    [["--slogan", "文明", "--colour", "#00aa00"], 2, "对比度不足：#00aa00"],
    [["--slogan", "文明", "--colour", "green"], 2, "应为 #RRGGBB 形式的颜色"],
    [["--slogan", "文明", "--template", "rules"], 2, "rules（规范）版式需要填写 dos / donts 条目"],
    [["--slogan", "文明", "--template", "etiquette"], 2, "etiquette 模板需要填写 guide"],
    [["--slogan", "文明", "--template", "honour", "--batch", "no-such-batch"], 2, "找不到好人榜批次“no-such-batch”"],
    [["--slogan", "文明", "--logo", "README.md"], 2, "--logo"],
    [["--size", "square"], 2, "请用 --slogan 提供标语"],
    [["--slogan", "文明𪚥", "--size", "square"], 1, "U+2A6A5"],
    // A bad command line is a usage message, never a stack trace.
    [["--slogan", "文明", "--colr", "#00aa00"], 2, "未知选项 --colr"],
    [["--slogan", "文明", "-x"], 2, "未知选项 -x"],
    [["--slogan"], 2, "选项 --slogan 需要一个值"],
    [["--slogan", "文明", "--size"], 2, "选项 --size 需要一个值"],
  ])("%j exits %i with a clear message", (args, code, message) => {
    const r = cli(...args, "--out", mkdtempSync(join(tmpdir(), "wenming-cli-")));
    expect(r.status).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at |node:internal|TypeError/m);
  });
});
