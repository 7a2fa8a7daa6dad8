/**
 * npm run studio [-- --port 4322] [--host 127.0.0.1] [--content content] [--data .studio] [--publish-to <folder|rsync:dest>] [--secure-cookies]
 * Serves the workbench (工作台) and, on the next port, its preview of the
 * site. Binds to localhost unless --host is given.
 */
import { serve } from "@hono/node-server";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createStudio } from "../src/studio/app.ts";

const USAGE = "用法：npm run studio -- [--port 4322] [--host 127.0.0.1] [--content content] [--data .studio] [--publish-to 发布目录或 rsync:目标] [--secure-cookies]";
let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: process.env["WENMING_STUDIO_PORT"] ?? "4322" },
      host: { type: "string", default: "127.0.0.1" },
      content: { type: "string", default: process.env["WENMING_CONTENT"] ?? "content" },
      data: { type: "string", default: process.env["WENMING_STUDIO_DATA"] ?? ".studio" },
      "publish-to": { type: "string", default: process.env["WENMING_PUBLISH_TO"] },
      "secure-cookies": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`错误：${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`错误：--port 应为 1 至 65534 的整数，收到 ${values.port}\n${USAGE}`);
  process.exit(2);
}

/** A folder (made absolute) or an rsync destination (kept as written). */
function publishTarget(spec: string | undefined): string | undefined {
  if (!spec) return undefined;
  return spec.startsWith("rsync:") ? spec : resolve(spec);
}

const { app, preview, studio } = createStudio(
  { content: resolve(values.content), data: resolve(values.data), project: resolve("."), publishTo: publishTarget(values["publish-to"]), secureCookies: values["secure-cookies"] },
  { previewPort: () => port + 1 },
);
await studio.store.ensureRepository();
if (studio.accounts.list().length === 0) console.log("提示：还没有任何账号，请先运行 npm run studio:user -- add <用户名> --role 管理员");
serve({ fetch: app.fetch, port, hostname: values.host }, () => console.log(`工作台已启动：http://${values.host}:${port}/（预览网站在 ${port + 1} 端口）`));
serve({ fetch: preview.fetch, port: port + 1, hostname: values.host });
