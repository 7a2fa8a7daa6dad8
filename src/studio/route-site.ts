/** 海报制作, 预览, 发布 and 修改记录 (with undo). */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { stat, readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { Hono } from "hono";
import { allowed, buildEnv, cookieOf, formOf, hiddenCsrf, studioPage, text, type Ctx, type Env, type Studio } from "./app.ts";
import { html } from "./html.ts";
import { findKind, itemChanges, validId, ID_HELP } from "./kinds.ts";
import { processRunner, stageOf } from "./jobs.ts";
import { publishFolder } from "../lib/build/files.ts";
import { loadContent, type SiteContent } from "../lib/content/load.ts";
import { describeIssue, formatProblem } from "../lib/content/problems.ts";
import { adInput } from "../lib/poster/jobs.ts";
import { renderPosterFormats, renderPreviewPng } from "../lib/poster/render.ts";
import { POSTER_SIZES, findSize, type PosterFormat } from "../lib/poster/sizes.ts";
import { PosterError } from "../lib/poster/templates.ts";
import { adSchema, TEMPLATE_NAMES, TEMPLATES, type AdData } from "../schemas/ad.ts";
import { checkImageFile, imageRefOf, logoOf } from "../lib/content/images.ts";
import { libraryImages } from "./route-images.ts";
import { isIsoDate, shanghaiMinute } from "../primitives/dates.ts";

const run = promisify(execFile);

/** The content at the current commit, loaded once per commit and day. */
function contentCache(studio: Studio): () => Promise<SiteContent> {
  let key = "";
  let loaded: Promise<SiteContent> | undefined;
  return async () => {
    const now = `${await studio.store.head()}|${studio.asOf()}`;
    if (now !== key || !loaded) {
      key = now;
      loaded = loadContent(studio.store.root, studio.asOf());
      loaded.catch(() => (key = ""));
    }
    return loaded;
  };
}

/** An ad from the studio's fields, checked by the ad schema; the messages are the loader's. */
function adFrom(params: Record<string, string>): { ad: AdData } | { problems: string[] } {
  const raw: Record<string, unknown> = {};
  for (const key of ["slogan", "sub", "theme", "template", "guide", "batch", "image", "credit", "palette", "partnerLogo"]) if (params[key]?.trim()) raw[key] = params[key]?.trim();
  const number = (v: string | undefined) => (v?.trim() ? Number(v) : 50);
  if (params["focusX"]?.trim() || params["focusY"]?.trim()) raw["focus"] = { x: number(params["focusX"]), y: number(params["focusY"]) };
  for (const key of ["dos", "donts"]) {
    const items = (params[key] ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (items.length) raw[key] = items;
  }
  const parsed = adSchema.safeParse(raw);
  if (parsed.success) return { ad: parsed.data };
  return { problems: parsed.error.issues.map((i) => `${i.path.join(".") || "广告"}：${describeIssue(i, raw)}`) };
}

/** The poster input of an ad typed in the studio, its images checked like the loader checks them. */
async function posterInput(content: SiteContent, ad: AdData) {
  const studioAd: SiteContent["ads"][number] = { id: "studio", file: "", data: ad };
  for (const [field, path] of [
    ["主图", ad.image],
    ["合作单位标识", ad.partnerLogo],
  ] as const) {
    if (!path) continue;
    const problem = await checkImageFile(content.root, path);
    if (problem) throw new PosterError(`${field}：${problem}`);
  }
  if (ad.image) studioAd.image = await imageRefOf(join(content.root, ad.image), ad.focus);
  if (ad.partnerLogo) studioAd.partnerLogo = await logoOf(join(content.root, ad.partnerLogo));
  return adInput({ ...content, ads: [studioAd] }, "studio");
}

/** Content types of the files the workbench serves (the preview site, the image library). */
export const FILE_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".pf_meta": "application/octet-stream",
};

/** Serves the preview build: the site exactly as it would be published, on its own port (links are root-relative), to signed-in accounts only. */
export function previewApp(studio: Studio, cookie: string): Hono {
  const app = new Hono();
  const root = resolve(studio.config.data, "preview-site");
  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
    c.res.headers.set("Cache-Control", "no-store");
  });
  app.get("*", async (c) => {
    if (!studio.sessions.get(cookieOf(c, cookie))) return c.text("未登录：请先在工作台登录", 401);
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.notFound();
    }
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return c.notFound();
    if (existsSync(file) && (await stat(file)).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return c.text(existsSync(root) ? "页面不存在" : "还没有生成预览：请在工作台的“预览”页面点击“生成预览”", 404);
    return c.body(new Uint8Array(await readFile(file)), 200, { "Content-Type": FILE_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream" });
  });
  return app;
}

/** Puts the built site at the publication target: a folder (linked and swapped in whole, files.ts: publishFolder) or an rsync destination. */
async function publishTo(built: string, target: string): Promise<string> {
  if (target.startsWith("rsync:")) {
    await run("rsync", ["-a", "--delete", "--delay-updates", `${built}/`, target.slice("rsync:".length)]);
    return `已同步到 ${target.slice("rsync:".length)}`;
  }
  await publishFolder(built, target);
  return `已发布到 ${target}`;
}

/** The poster studio's refusal: what is wrong, and the way back. */
function notSaved(c: Ctx, problems: readonly string[]): Response {
  c.status(422);
  return studioPage(
    c,
    "海报制作",
    html`<div class="problems" role="alert">
        <h2>未保存</h2>
        <ul>
          ${problems.map((p) => html`<li>${p}</li>`)}
        </ul>
      </div>
      <p><a href="/posters">返回海报制作</a></p>`,
  );
}

export function siteRoutes(app: Hono<Env>, studio: Studio, previewPort: () => number): void {
  const { store, config, jobs } = studio;
  const content = contentCache(studio);

  // 海报制作: every size drawn by the build's renderer as the slogan is typed.
  app.get("/posters", async (c) => {
    const site = await content();
    const images = await libraryImages(site.root);
    const imageOptions = (none: string) =>
      html`<option value="">${none}</option>
        ${images.map((i) => html`<option>${i}</option>`)}`;
    return studioPage(
      c,
      "海报制作",
      html`<form class="edit poster-form" id="poster-form" method="get" action="/posters">
          <div class="field"><label for="p-slogan">主标语</label><input id="p-slogan" name="slogan" value="文明城市 人人共建" data-poster /></div>
          <div class="field"><label for="p-sub">副标语</label><input id="p-sub" name="sub" value="" data-poster /></div>
          <div class="field">
            <label for="p-theme">主题</label
            ><select id="p-theme" name="theme" data-poster>
              ${site.site.themes.map((t) => html`<option>${t}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="p-palette">配色</label
            ><select id="p-palette" name="palette" data-poster>
              <option value="">网站主色</option>
              ${site.site.palettes.map((p) => html`<option>${p.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="p-image">主图（图片版式必选）</label>
            <p class="help" id="p-image-help">图片库中的照片或插图（新图片请先在<a href="/images">图片库</a>上传）</p>
            <select id="p-image" name="image" aria-describedby="p-image-help" data-poster>
              ${imageOptions("（不用图片）")}
            </select>
          </div>
          <fieldset class="field">
            <legend>主图焦点（裁切时保留的位置，%）</legend>
            <label for="p-focus-x">横向</label> <input id="p-focus-x" name="focusX" type="number" min="0" max="100" value="50" data-poster /> <label for="p-focus-y">纵向</label>
            <input id="p-focus-y" name="focusY" type="number" min="0" max="100" value="50" data-poster />
          </fieldset>
          <div class="field"><label for="p-credit">图片署名</label><input id="p-credit" name="credit" value="" placeholder="如 摄影：张三" data-poster /></div>
          <div class="field">
            <label for="p-partner">合作单位标识</label
            ><select id="p-partner" name="partnerLogo" data-poster>
              ${imageOptions("（无）")}
            </select>
          </div>
          <div class="field">
            <label for="p-dos">“要”条目（规范版式，每行一条）</label>
            <textarea id="p-dos" name="dos" rows="4" data-poster></textarea>
          </div>
          <div class="field">
            <label for="p-donts">“不要”条目（规范版式，每行一条）</label>
            <textarea id="p-donts" name="donts" rows="4" data-poster></textarea>
          </div>
          <div class="field">
            <label for="p-template">版式</label
            ><select id="p-template" name="template" data-poster>
              ${TEMPLATES.map((t) => html`<option value="${t}">${TEMPLATE_NAMES[t] ?? t}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="p-guide">礼仪指南（文明礼仪版式）</label
            ><select id="p-guide" name="guide" data-poster>
              <option value="">（不选）</option>
              ${site.guides.map((g) => html`<option value="${g.id}">${g.data.title}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="p-batch">好人榜批次（好人榜版式）</label
            ><select id="p-batch" name="batch" data-poster>
              <option value="">（不选）</option>
              ${site.batches.map((b) => html`<option value="${b.id}">${b.title}</option>`)}
            </select>
          </div>
        </form>
        <p id="poster-status" role="status" aria-live="polite"></p>
        <ul class="poster-sizes">
          ${POSTER_SIZES.map(
            (s) =>
              html`<li>
                <figure>
                  <img
                    data-size="${s.id}"
                    alt="${s.label} 预览"
                    width="${Math.round((240 * s.width) / Math.max(s.width, s.height))}"
                    height="${Math.round((240 * s.height) / Math.max(s.width, s.height))}"
                  />
                  <figcaption>
                    ${s.label}
                    ${[...s.formats, ...s.onRequest].map((f) => html` <a data-download="${s.id}" data-format="${f}" href="/posters/file?size=${s.id}&amp;format=${f}">下载 ${f.toUpperCase()}</a>`)}
                  </figcaption>
                </figure>
              </li>`,
          )}
        </ul>
        <h2>保存为公益广告</h2>
        <form method="post" action="/posters/save" class="edit" id="poster-save">
          ${hiddenCsrf(c)}
          <div class="field">
            <label for="ad-id">编号</label>
            <p class="help" id="ad-id-help">${ID_HELP}</p>
            <input id="ad-id" name="id" aria-describedby="ad-id-help" />
          </div>
          <button type="submit">保存为公益广告</button>
        </form>`,
    );
  });

  const posterRequest = async (c: Ctx) => {
    const params = c.req.query();
    const size = findSize(params["size"] ?? "");
    if (!size) return { error: c.text("未知尺寸", 400) };
    const made = adFrom(params);
    if ("problems" in made) return { error: c.text(made.problems.join("\n"), 422) };
    try {
      return { size, input: await posterInput(await content(), made.ad) };
    } catch (error) {
      return { error: c.text(error instanceof Error ? error.message : String(error), 422) };
    }
  };

  app.get("/api/poster.png", async (c) => {
    const r = await posterRequest(c);
    if ("error" in r) return r.error;
    const width = Math.min(r.size.width, Number(c.req.query("width") ?? 540) || 540);
    try {
      return c.body(new Uint8Array(await renderPreviewPng(r.input, r.size, width)), 200, { "Content-Type": "image/png" });
    } catch (error) {
      if (error instanceof PosterError) return c.text(error.message, 422);
      throw error;
    }
  });

  app.get("/posters/file", async (c) => {
    const r = await posterRequest(c);
    if ("error" in r) return r.error;
    const format = c.req.query("format") as PosterFormat;
    if (![...r.size.formats, ...r.size.onRequest].includes(format)) return c.text("该尺寸不提供这种格式", 400);
    try {
      const [file] = await renderPosterFormats(r.input, r.size, [format]);
      const type = format.endsWith("pdf") ? "application/pdf" : format === "png" ? "image/png" : format === "webp" ? "image/webp" : "image/jpeg";
      return c.body(new Uint8Array(file ?? Buffer.alloc(0)), 200, { "Content-Type": type, "Content-Disposition": `attachment; filename="poster-${r.size.id}.${format}"` });
    } catch (error) {
      if (error instanceof PosterError) return c.text(error.message, 422);
      throw error;
    }
  });

  app.post("/posters/save", async (c) => {
    const form = formOf(c);
    const id = text(form, "id").trim();
    const params = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const made = adFrom(params);
    const problems = [...(validId(id) ? [] : [`编号“${id}”不可用：${ID_HELP}`]), ...("problems" in made ? made.problems : [])];
    const ads = findKind("ads");
    if (ads && validId(id) && (await store.read(`ads/${id}.yaml`)) !== null) problems.push(`编号“${id}”已被使用，请换一个`);
    if (problems.length || !ads || "problems" in made) return notSaved(c, problems);
    const s = c.get("session");
    // Defaults are not written: a plain file stays plain.
    const isDefault = (k: string, v: unknown) => (k === "template" && v === "slogan") || (k === "focus" && JSON.stringify(v) === JSON.stringify({ x: 50, y: 50 }));
    const data = Object.fromEntries(Object.entries(made.ad).filter(([k, v]) => v !== undefined && !isDefault(k, v))) as Record<string, unknown>;
    const result = await store.save(await itemChanges(store, ads, id, data), `公益广告：新增 ${made.ad.slogan}（${s.name}，海报制作）`, { name: s.name }, studio.asOf());
    if (!result.ok)
      return notSaved(
        c,
        result.problems.map((p) => formatProblem(p)),
      );
    return c.redirect(`/edit/ads?saved=${encodeURIComponent(made.ad.slogan)}`, 303);
  });

  // 预览 and 发布: the production build, one at a time, with progress.
  const jobPanel = () =>
    html`<div id="job" data-job="/api/job">
      <progress id="job-progress" max="100" value="${jobs.current?.progress ?? 0}" aria-label="构建进度"></progress>
      <p id="job-state" role="status" aria-live="polite">
        ${jobs.current ? `${jobs.current.kind === "preview" ? "预览" : "发布"}：${jobs.current.state === "running" ? stageOf(jobs.current.progress) : (jobs.current.result ?? "")}` : "空闲"}
      </p>
      <details>
        <summary>构建日志</summary>
        <pre id="job-log">${jobs.current?.log.slice(-60).join("\n") ?? ""}</pre>
      </details>
    </div>`;

  app.get("/preview", (c) => {
    const host = new URL(c.req.url).hostname;
    // Staff on this page are about to preview: load the build process meanwhile.
    studio.previewBuilder.warm();
    return studioPage(
      c,
      "预览",
      html`<p>预览就是发布后的网站（按所选日期计算公示期、名单公示期）。保存修改后点击“生成预览”。</p>
        <form method="post" action="/preview" class="inline">
          ${hiddenCsrf(c)}<label for="as-of">数据截至</label> <input id="as-of" name="asOf" type="date" value="${studio.asOf()}" /> <button type="submit">生成预览</button>
        </form>
        ${jobPanel()}
        <p><a id="preview-link" href="http://${host}:${previewPort()}/" target="_blank" rel="noopener">打开预览网站</a></p>`,
    );
  });

  app.post("/preview", (c) => {
    const asOf = text(formOf(c), "asOf") || studio.asOf();
    if (!isIsoDate(asOf)) return c.text(`日期应写作 YYYY-MM-DD，收到“${asOf}”`, 422);
    if (jobs.busy()) return c.text("正在构建，请等待当前任务完成", 409);
    jobs.run(
      "preview",
      (onLine) => studio.previewBuilder.build(asOf, onLine),
      () => Promise.resolve(`预览已生成（数据截至 ${asOf}）`),
    );
    return c.redirect("/preview", 303);
  });

  app.get("/publish", (c) => {
    const waiting = studio.pending.list().length;
    return studioPage(
      c,
      "发布",
      html`<p>发布会按今天（${studio.asOf()}）重新生成整个网站，全部检查通过后才替换线上网站；失败时线上网站保持不变。</p>
        ${waiting ? html`<p class="note">有 ${waiting} 项红黑榜修改尚未审核，不会包含在本次发布中。</p>` : ""}
        ${config.publishTo ? html`<p>发布目标：${config.publishTo}</p>` : html`<p role="alert" class="field-error">尚未配置发布目标（启动时的 --publish-to），请联系信息中心。</p>`}
        <form method="post" action="/publish">${hiddenCsrf(c)}<button type="submit" ${config.publishTo ? "" : html`disabled`}>发布</button></form>
        ${jobPanel()}`,
    );
  });

  app.post("/publish", (c) => {
    const denied = allowed(c, "publish");
    if (denied) return denied;
    if (!config.publishTo) return c.text("尚未配置发布目标", 409);
    if (jobs.busy()) return c.text("正在构建，请等待当前任务完成", 409);
    const s = c.get("session");
    const asOf = studio.asOf();
    const target = config.publishTo;
    jobs.run("publish", processRunner(config.project, ["scripts/build.ts"], { ...buildEnv(config, "publish"), AS_OF: asOf }), async () => {
      const done = await publishTo(join(config.data, "site"), target);
      // The build recorded newly published list ids in the ledger: commit that with the publication.
      await store.serial(() => store.commit(["integrity/published-ids.txt"], `发布：网站已更新（数据截至 ${asOf}，${s.name} 发布）`, { name: s.name }, { allowEmpty: true }));
      return `发布成功：${done}`;
    });
    return c.redirect("/publish", 303);
  });

  app.get("/api/job", (c) => {
    const j = jobs.current;
    if (!j) return c.json({ state: "idle", progress: 0, label: "空闲", log: [] });
    return c.json({
      kind: j.kind,
      state: j.state,
      progress: j.progress,
      label: `${j.kind === "preview" ? "预览" : "发布"}：${j.state === "running" ? stageOf(j.progress) : (j.result ?? "")}`,
      log: j.log.slice(-60),
    });
  });

  // 修改记录 and undo: an undo is itself a change, checked and committed (and approved, for a list).
  app.get("/history", async (c) => {
    const items = await store.history(200);
    return studioPage(
      c,
      "修改记录",
      html`<table class="history">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">内容</th>
            <th scope="col"><span class="sr-only">撤销</span></th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (h) =>
              html`<tr>
                <td>${shanghaiMinute(h.date)}</td>
                <td>${h.author}</td>
                <td>${h.message}</td>
                <td>
                  ${h.message.startsWith("发布") || h.message.startsWith("工作台：") ? "" : html`<form method="post" action="/history/${h.hash}/undo">${hiddenCsrf(c)}<button type="submit" class="secondary" aria-label="撤销：${h.message}">撤销</button></form>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
      c.req.query("done") ? String(c.req.query("done")) : undefined,
    );
  });

  app.post("/history/:hash/undo", async (c) => {
    const undo = await store.undoChanges(c.req.param("hash"));
    if ("error" in undo) {
      c.status(409);
      return studioPage(
        c,
        "不能撤销",
        html`<p role="alert">${undo.error}</p>
          <p><a href="/history">返回修改记录</a></p>`,
      );
    }
    const s = c.get("session");
    const message = `撤销：${undo.message}（${s.name}）`;
    if (undo.files.some((f) => f.startsWith("integrity/"))) {
      const change = studio.pending.add({
        author: s.name,
        summary: `撤销：${undo.message}`,
        files: Object.fromEntries([...undo.changes].map(([rel, b]) => [rel, b === null ? null : b.toString("base64")])),
        base: await store.digests(undo.files),
        ledger: [],
      });
      return c.redirect(`/review/${change.id}`, 303);
    }
    const result = await store.save(undo.changes, message, { name: s.name }, studio.asOf());
    if (!result.ok) {
      c.status(409);
      return studioPage(
        c,
        "不能撤销",
        html`<div class="problems" role="alert">
          <p>撤销后内容检查不通过，未撤销：</p>
          <ul>
            ${result.problems.map((p) => html`<li>${formatProblem(p)}</li>`)}
          </ul>
        </div>`,
      );
    }
    return c.redirect(`/history?done=${encodeURIComponent(message)}`, 303);
  });
}
