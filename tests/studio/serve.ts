/**
 * Starts the workbench for the browser tests on a fresh copy of the sample
 * content (its own git repository), with three accounts and a folder as
 * publication target: the content under .test-studio/, the workbench's data
 * and the target outside the project (setup.ts).
 */
import { serve } from "@hono/node-server";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { createStudio } from "../../src/studio/app.ts";
import { Accounts } from "../../src/studio/users.ts";
import { ACCOUNTS, STUDIO } from "./setup.ts";

for (const folder of [STUDIO.root, STUDIO.outside]) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
}
cpSync(resolve("content"), STUDIO.content, { recursive: true });
const accounts = new Accounts(STUDIO.data);
for (const a of ACCOUNTS) await accounts.add(a.name, a.role, a.password);

const { app, preview, studio } = createStudio({ content: STUDIO.content, data: STUDIO.data, project: resolve("."), publishTo: STUDIO.published }, { previewPort: () => STUDIO.port + 1 });
await studio.store.ensureRepository();
serve({ fetch: app.fetch, port: STUDIO.port, hostname: "127.0.0.1" }, () => console.log(`studio for tests on ${STUDIO.port}`));
serve({ fetch: preview.fetch, port: STUDIO.port + 1, hostname: "127.0.0.1" });
