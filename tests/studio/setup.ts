/** Where the workbench under test keeps its files, and its accounts. */
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Role } from "../../src/studio/users.ts";

const root = resolve(".test-studio");
const port = Number(process.env["WENMING_STUDIO_TEST_PORT"] ?? 4342);
/**
 * The data folder and the publication target are outside the project, as an installation puts them (README:
 * --data /var/lib/…): the builds of 预览 and 发布 then write outside the project folder. WENMING_STUDIO_TEST_DATA
 * puts them elsewhere, for example on another file system.
 */
const outside = resolve(process.env["WENMING_STUDIO_TEST_DATA"] ?? join(tmpdir(), `wenming-test-studio-${port}`));
export const STUDIO = {
  root,
  outside,
  content: resolve(root, "content"),
  data: join(outside, "data"),
  published: join(outside, "published"),
  port,
};

export const ACCOUNTS: { name: string; role: Role; password: string }[] = [
  { name: "张三", role: "编辑", password: "zhangsan-password-1" },
  { name: "李四", role: "审核", password: "lisi-password-2" },
  { name: "王五", role: "管理员", password: "wangwu-password-3" },
  // A second administrator: 王五 is locked out by the login-limit test before the browser tests run.
  { name: "周九", role: "管理员", password: "zhoujiu-password-9" },
];
