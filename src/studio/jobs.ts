/**
 * Long-running work the workbench starts (预览 and 发布 builds): one at a
 * time, with its log in lines and a progress estimate from the build's own
 * stages, polled by the page.
 */
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { eachLine } from "../lib/build/warm-builder.ts";
import { ADVICE_END, systemErrorAdvice } from "../lib/build/system-errors.ts";

export interface Job {
  kind: "preview" | "publish";
  state: "running" | "done" | "failed";
  /** 0–100. */
  progress: number;
  log: string[];
  /** The outcome in staff language. */
  result?: string;
  started: number;
}

/** Stages a build prints, in order, and how far along each one is. */
const STAGES: [RegExp, number, string][] = [
  [/构建站点/, 5, "读取并检查内容"],
  [/Collecting build info|Building static entrypoints|building client/i, 15, "准备页面"],
  [/generating static routes/i, 30, "生成页面"],
  [/海报|poster/i, 60, "生成海报"],
  [/pagefind|搜索/i, 75, "建立搜索索引"],
  [/输出检查|scan|检查输出/i, 85, "检查发布内容"],
  [/已输出到/, 95, "完成构建"],
];

/** Runs one build, giving each line of its output to `onLine`; resolves with its exit status (0: the site was built). */
export type BuildRunner = (onLine: (line: string) => void) => Promise<number>;

/** A build in a process of its own: `node …args` in `cwd` with `env` (发布; 预览 uses a warm one, src/lib/build/warm-builder.ts). */
export function processRunner(cwd: string, args: string[], env: Record<string, string>): BuildRunner {
  return (onLine) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
      eachLine(child.stdout, onLine);
      eachLine(child.stderr, onLine);
      child.on("error", (error) => {
        onLine(error.message);
        resolve(1);
      });
      child.on("close", (code) => resolve(code ?? 1));
    });
}

export class Jobs {
  current: Job | undefined;

  busy(): boolean {
    return this.current?.state === "running";
  }

  /** Runs a build; `after` runs on success and gives the result line (or throws to fail the job). */
  run(kind: Job["kind"], runner: BuildRunner, after: (job: Job) => Promise<string>): Job {
    const job: Job = { kind, state: "running", progress: 1, log: [], started: Date.now() };
    this.current = job;
    const take = (line: string) => {
      // Every terminal control sequence (colours, and the line clearing and cursor moves of progress output), not only colours.
      const clean = stripVTControlCharacters(line).trimEnd();
      if (!clean) return;
      job.log.push(clean);
      if (job.log.length > 400) job.log.splice(0, job.log.length - 400);
      for (const [re, at] of STAGES) if (re.test(clean)) job.progress = Math.max(job.progress, at);
    };
    // A runner that throws (a process that could not start) fails the job with its reason in the log.
    const status = runner(take).catch((error: unknown) => {
      take(error instanceof Error ? error.message : String(error));
      return 1;
    });
    void status.then((code) => {
      if (code !== 0) {
        job.state = "failed";
        // The build says first when the machine failed rather than the content (scripts/build.ts: fail).
        const machine = job.log.find((line) => ADVICE_END.test(line));
        job.result = machine ? `构建失败，没有发布任何内容。这不是内容的问题：${machine}` : "构建失败，没有发布任何内容。原因见下方日志中“构建失败”之后的说明（通常是内容有误：按提示修改后再发布）。";
        return;
      }
      after(job).then(
        (result) => {
          job.result = result;
          job.progress = 100;
          job.state = "done";
        },
        (error: unknown) => {
          job.state = "failed";
          const advice = systemErrorAdvice(error);
          job.result = `构建成功但发布失败，线上网站未改变：${advice ?? (error instanceof Error ? error.message : String(error))}`;
        },
      );
    });
    return job;
  }
}

/** The stage a progress figure is in, for the progress bar's label. */
export function stageOf(progress: number): string {
  let label = "开始";
  for (const [, at, name] of STAGES) if (progress >= at) label = name;
  return label;
}
