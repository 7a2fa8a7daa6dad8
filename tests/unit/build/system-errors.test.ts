/**
 * Failures of the machine explained in Chinese (src/lib/build/system-errors.ts):
 * each code staff meet names its cause, the path and what to do; anything else
 * is left to the message it has.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { systemErrorAdvice } from "../../../src/lib/build/system-errors.ts";

/** An error as Node's fs gives it. */
function fsError(code: string, path?: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: something, write${path ? ` '${path}'` : ""}`);
  e.code = code;
  if (path) e.path = path;
  return e;
}

describe("systemErrorAdvice", () => {
  it.each([
    ["ENOSPC", "/srv/site.tmp/a.html", "磁盘空间已满（/srv/site.tmp/a.html）"],
    ["EDQUOT", "/srv/site.tmp", "磁盘配额已用完（/srv/site.tmp）"],
    ["EACCES", "/var/www/wenming", "没有写入或读取的权限（/var/www/wenming）"],
    ["EPERM", "/var/www/wenming", "操作不被允许（/var/www/wenming）"],
    ["EROFS", "/var/www/wenming/dist.next", "该位置只读，不能写入（/var/www/wenming/dist.next）：如工作台以 systemd 服务运行，请把输出、数据和发布目录加入 ReadWritePaths"],
    ["EMFILE", undefined, "同时打开的文件太多"],
    ["ENFILE", undefined, "系统同时打开的文件太多"],
    ["ENOMEM", undefined, "系统内存不足"],
    ["EXDEV", "/data/site.tmp/_astro/a.css", "文件不能跨磁盘移动（/data/site.tmp/_astro/a.css）"],
  ])("%s at %s: the cause in Chinese, the path, and the code", (code, path, expected) => {
    const advice = systemErrorAdvice(fsError(code, path));
    expect(advice).toContain(expected);
    expect(advice).toMatch(new RegExp(`（系统错误 ${code}）$`));
    if (!path) expect(advice).not.toContain("（/");
  });

  it("explains a real error of the file system: a folder wanted where a file is", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wenming-syserr-")), "a-file");
    writeFileSync(file, "");
    let error: unknown;
    try {
      writeFileSync(join(file, "index.html"), "");
    } catch (e) {
      error = e;
    }
    expect(systemErrorAdvice(error)).toBe(`路径中应为文件夹的一段是文件（${join(file, "index.html")}）：请检查输出、数据或发布目录的设置。（系统错误 ENOTDIR）`);
  });

  it("finds the system error among the causes of the error that reached the top", () => {
    const wrapped = new Error("无法写入搜索索引", { cause: new Error("Pagefind", { cause: fsError("ENOSPC", "/srv/cache/search") }) });
    expect(systemErrorAdvice(wrapped)).toContain("磁盘空间已满（/srv/cache/search）");
  });

  it.each([
    ["an error of the content", new Error("内容检查未通过")],
    ["a missing file (the message already names it)", fsError("ENOENT", "/srv/content/a.yaml")],
    ["a code it does not know", fsError("EWHATEVER")],
    ["a thrown string", "ENOSPC"],
    ["nothing", undefined],
  ])("leaves %s to its own message", (_, error) => {
    expect(systemErrorAdvice(error)).toBeUndefined();
  });
});
