/**
 * The workbench's build jobs: a runner's lines become the log and the progress; its status decides the outcome.
 * And what staff are told when the machine fails them, in a job or in any request.
 */
import { describe, expect, it } from "vitest";
import { Jobs, stageOf, type BuildRunner, type Job } from "../../../src/studio/jobs.ts";
import { internalErrorText } from "../../../src/studio/app.ts";

const settled = async (job: Job) => {
  await expect.poll(() => job.state).not.toBe("running");
  return job;
};

const lines =
  (out: string[], code: number): BuildRunner =>
  (onLine) => {
    for (const line of out) onLine(line);
    return Promise.resolve(code);
  };

describe("build jobs", () => {
  it("a built site: the log without colours or blank lines, the progress of the last stage seen, the result of `after`", async () => {
    const job = await settled(
      new Jobs().run("preview", lines(["\u001b[32mwenming: 构建站点，数据截至 2026-11-22\u001b[39m", "", "generating static routes", "wenming: 已输出到 /x"], 0), () => Promise.resolve("预览已生成")),
    );
    expect(job).toMatchObject({ state: "done", progress: 100, result: "预览已生成" });
    expect(job.log).toEqual(["wenming: 构建站点，数据截至 2026-11-22", "generating static routes", "wenming: 已输出到 /x"]);
  });

  it.each([
    ["colours", "\u001b[1m\u001b[32m✓\u001b[39m\u001b[22m Completed in 2.84s."],
    ["a cleared line", "\u001b[2K\u001b[1G✓ Completed in 2.84s."],
    ["a cursor moved up", "\u001b[1A\u001b[2K✓ Completed in 2.84s."],
    ["a link", "\u001b]8;;https://astro.build\u0007✓ Completed in 2.84s.\u001b]8;;\u0007"],
  ])("the log shows no terminal control sequence (%s)", async (_what, line) => {
    const job = await settled(new Jobs().run("preview", lines([line], 0), () => Promise.resolve("预览已生成")));
    expect(job.log).toEqual(["✓ Completed in 2.84s."]);
  });

  it("a failed build: failed, in staff language, and `after` does not run", async () => {
    let ran = false;
    const job = await settled(
      new Jobs().run("publish", lines(["构建失败，未发布任何内容"], 1), () => {
        ran = true;
        return Promise.resolve("");
      }),
    );
    expect(job.state).toBe("failed");
    expect(job.result).toContain("构建失败，没有发布任何内容");
    expect(ran).toBe(false);
  });

  it("a runner that cannot start fails the job with its reason in the log", async () => {
    const job = await settled(
      new Jobs().run(
        "preview",
        () => Promise.reject(new Error("上一次预览构建尚未结束")),
        () => Promise.resolve(""),
      ),
    );
    expect(job.state).toBe("failed");
    expect(job.log).toContain("上一次预览构建尚未结束");
  });

  it("publication that fails after a good build says the site did not change", async () => {
    const job = await settled(new Jobs().run("publish", lines([], 0), () => Promise.reject(new Error("rsync 无法连接"))));
    expect(job).toMatchObject({ state: "failed", result: "构建成功但发布失败，线上网站未改变：rsync 无法连接" });
  });

  it("a build the machine failed says so in the result, not that the content is probably wrong", async () => {
    const advice = "磁盘空间已满（/var/lib/wenming-studio/site.tmp/a.html）：请清理该磁盘（例如删除不再需要的旧文件），或请信息中心扩容后再试。（系统错误 ENOSPC）";
    const job = await settled(
      new Jobs().run("publish", lines(["构建失败，未发布任何内容，已保留上一次成功构建的 /x（如有）。", advice, "ENOSPC: no space left on device"], 1), () => Promise.resolve("")),
    );
    expect(job).toMatchObject({ state: "failed", result: `构建失败，没有发布任何内容。这不是内容的问题：${advice}` });
    expect(job.result).not.toContain("内容有误");
  });

  it("a publication the machine failed explains the system error in Chinese", async () => {
    const error: NodeJS.ErrnoException = Object.assign(new Error("EROFS: read-only file system, mkdir '/var/www/wenming/dist.next'"), { code: "EROFS", path: "/var/www/wenming/dist.next" });
    const job = await settled(new Jobs().run("publish", lines([], 0), () => Promise.reject(error)));
    expect(job.state).toBe("failed");
    expect(job.result).toMatch(/^构建成功但发布失败，线上网站未改变：该位置只读，不能写入（\/var\/www\/wenming\/dist\.next）：.*ReadWritePaths.*（系统错误 EROFS）$/);
  });

  it("names the stage of a progress figure", () => {
    expect([1, 5, 30, 75, 95].map(stageOf)).toEqual(["开始", "读取并检查内容", "生成页面", "建立搜索索引", "完成构建"]);
  });
});

describe("a request the machine fails", () => {
  it.each([
    [
      "ENOSPC",
      "/var/lib/wenming-studio/pending/a.json",
      "工作台内部错误，未保存任何修改。磁盘空间已满：请清理该磁盘（例如删除不再需要的旧文件），或请信息中心扩容后再试。（系统错误 ENOSPC）。请把这段说明和发生的时间告诉信息中心。",
    ],
    [
      "EROFS",
      "/tmp/wenming-studio-x",
      "工作台内部错误，未保存任何修改。该位置只读，不能写入：如工作台以 systemd 服务运行，请把输出、数据和发布目录加入 ReadWritePaths，或改设到可写的位置。（系统错误 EROFS）。请把这段说明和发生的时间告诉信息中心。",
    ],
  ])("%s: says what failed, without the server's path", (code, path, expected) => {
    const error: NodeJS.ErrnoException = Object.assign(new Error(`${code}: failed '${path}'`), { code, path });
    expect(internalErrorText(error)).toBe(expected);
  });

  it("any other error: nothing saved, and when to tell IT", () => {
    expect(internalErrorText(new TypeError("x is undefined"))).toBe("工作台内部错误，未保存任何修改。请把发生的时间告诉信息中心。");
  });
});
