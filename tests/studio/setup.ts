/** Where the workbench under test keeps its files, and its accounts. */
import { resolve } from "node:path";
import type { Role } from "../../src/studio/users.ts";

const root = resolve(".test-studio");
export const STUDIO = {
  root,
  content: resolve(root, "content"),
  data: resolve(root, "data"),
  published: resolve(root, "published"),
  port: Number(process.env["WENMING_STUDIO_TEST_PORT"] ?? 4342),
};

export const ACCOUNTS: { name: string; role: Role; password: string }[] = [
  { name: "张三", role: "编辑", password: "zhangsan-password-1" },
  { name: "李四", role: "审核", password: "lisi-password-2" },
  { name: "王五", role: "管理员", password: "wangwu-password-3" },
  // A second administrator: 王五 is locked out by the login-limit test before the browser tests run.
  { name: "周九", role: "管理员", password: "zhoujiu-password-9" },
];
