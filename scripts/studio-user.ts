/**
 * npm run studio:user -- add <name> --role 编辑|审核|管理员   (password read twice from the terminal or stdin)
 * npm run studio:user -- remove <name>
 * npm run studio:user -- list
 */
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Accounts, ROLES, type Role } from "../src/studio/users.ts";

const USAGE = `用法：npm run studio:user -- add <用户名> --role ${ROLES.join("|")}
      npm run studio:user -- remove <用户名>
      npm run studio:user -- list
密码从终端输入两次（或从标准输入读取两行）。`;

function fail(message: string): never {
  console.error(`错误：${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { role: { type: "string" }, data: { type: "string", default: process.env["WENMING_STUDIO_DATA"] ?? ".studio" } } });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const [command, name] = parsed.positionals;
const accounts = new Accounts(resolve(parsed.values.data));

/** Two lines: from a terminal with echo off, or from stdin (scripts, tests). */
async function readPasswords(): Promise<[string, string]> {
  const tty = process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  if (tty) {
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => write(s.startsWith("密码") || s.startsWith("再次") ? s : "");
  }
  const lines: string[] = [];
  const ask = (q: string) => new Promise<string>((ok) => rl.question(q, ok));
  if (tty) {
    lines.push(await ask("密码："));
    process.stdout.write("\n");
    lines.push(await ask("再次输入密码："));
    process.stdout.write("\n");
  } else for await (const line of rl) if (lines.push(line) >= 2) break;
  rl.close();
  return [lines[0] ?? "", lines[1] ?? ""];
}

if (command === "list") {
  for (const a of accounts.list()) console.log(`${a.name}\t${a.role}`);
} else if (command === "add") {
  if (!name) fail("缺少用户名");
  const role = parsed.values.role as Role;
  if (!ROLES.includes(role)) fail(`--role 应为 ${ROLES.join("、")} 之一，收到 ${parsed.values.role ?? "（缺失）"}`);
  const [first, second] = await readPasswords();
  if (first !== second) fail("两次输入的密码不一致，未创建账号");
  try {
    await accounts.add(name, role, first);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  console.log(`已创建账号 ${name}（${role}），保存在 ${accounts.file}；同名账号原有的登录随之失效`);
} else if (command === "remove") {
  if (!name) fail("缺少用户名");
  console.log(accounts.remove(name) ? `已删除账号 ${name}（其登录在工作台的下一个请求时失效）` : `没有账号 ${name}`);
} else fail(`未知命令 ${command ?? "（缺失）"}`);
