/** The poster renderer as the build and staff run it: the process pool with its cache, and the CLI. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJobs } from "../../src/lib/poster/pool.ts";
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
  it.each([
    [["--slogan", "文明", "--size", "huge"], 2, "未知尺寸 huge"],
    [["--slogan", "文明", "--template", "poster"], 2, "命令行直接出图只支持 slogan 模板"],
    [["--size", "square"], 2, "请用 --slogan 提供标语"],
    [["--slogan", "文明𪚥", "--size", "square"], 1, "U+2A6A5"],
    // A bad command line is a usage message, never a stack trace.
    [["--slogan", "文明", "--colour", "#00aa00"], 2, "未知选项 --colour"],
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
