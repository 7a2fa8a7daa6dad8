/** 首页 and the content forms: every kind of KINDS, with photos for good people and a live body preview. */
import type { Hono } from "hono";
import sharp from "sharp";
import { markdownToMdast } from "satteri";
import { toHast } from "mdast-util-to-hast";
import { toHtml } from "hast-util-to-html";
import type { Root } from "mdast";
import { allowed, formOf, hiddenCsrf, studioPage, text, type Ctx, type Env, type Studio } from "./app.ts";
import { byField, fields, formToData, type FieldProblems } from "./forms.ts";
import { html, raw, type Markup } from "./html.ts";
import { findKind, ID_HELP, itemChanges, itemFile, KINDS, listItems, readItem, validId, type EditableKind } from "./kinds.ts";
import type { ContentProblem } from "../lib/content/problems.ts";
import type { SaveResult } from "./store.ts";

/** Photos: checked by their content (not their name), within limits, re-encoded without their metadata (phones record the place a photo was taken). */
export const PHOTO_LIMITS = { bytes: 10 * 1024 * 1024, minSide: 300, maxPixels: 50_000_000, longSide: 2400 } as const;

/** The site shows portraits at 4:5 (global.css .portrait): the photo is cropped to that around the chosen point, so the page shows what staff chose. */
export const PORTRAIT_RATIO = 4 / 5;

/** Where the crop is centred, as fractions of width and height (0–1). */
export interface Focus {
  x: number;
  y: number;
}

export function focusOf(x: string, y: string): Focus {
  const fraction = (v: string) => {
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== "" ? Math.min(100, Math.max(0, n)) / 100 : 0.5;
  };
  return { x: fraction(x), y: fraction(y) };
}

/** The 4:5 box inside a `width`×`height` picture centred as near `focus` as the edges allow. */
export function portraitCrop(width: number, height: number, focus: Focus): { left: number; top: number; width: number; height: number } {
  const wide = width / height > PORTRAIT_RATIO;
  const w = wide ? Math.round(height * PORTRAIT_RATIO) : width;
  const h = wide ? height : Math.round(width / PORTRAIT_RATIO);
  const clamp = (v: number, max: number) => Math.min(Math.max(0, Math.round(v)), max);
  return { left: clamp(focus.x * width - w / 2, width - w), top: clamp(focus.y * height - h / 2, height - h), width: w, height: h };
}

export async function processPhoto(bytes: Buffer, focus: Focus = { x: 0.5, y: 0.5 }): Promise<{ data: Buffer; ext: string } | { error: string }> {
  if (bytes.length > PHOTO_LIMITS.bytes) return { error: `照片过大：${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 10 MB` };
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels }).metadata();
  } catch {
    return { error: "无法识别的图片：文件内容不是 JPG、PNG 或 WebP 照片（仅改扩展名无效；苹果手机的 HEIC 照片请先在手机上设置为“兼容性最佳”或另存为 JPG）" };
  }
  if (!meta.format || !["jpeg", "png", "webp"].includes(meta.format)) return { error: `照片格式为 ${meta.format ?? "未知"}：请上传 JPG、PNG 或 WebP 照片` };
  const w = meta.autoOrient?.width ?? meta.width ?? 0;
  const h = meta.autoOrient?.height ?? meta.height ?? 0;
  if (Math.min(w, h) < PHOTO_LIMITS.minSide) return { error: `照片太小：${w}×${h} 像素，短边至少 ${PHOTO_LIMITS.minSide} 像素，否则在页面上会模糊` };
  // Upright first (phones store the turn separately), then the crop in upright pixels.
  const upright = await sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = upright.info;
  const data = await sharp(upright.data, { raw: { width, height, channels }, limitInputPixels: PHOTO_LIMITS.maxPixels })
    .extract(portraitCrop(width, height, focus))
    .resize({ width: PHOTO_LIMITS.longSide, height: PHOTO_LIMITS.longSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer();
  return { data, ext: "jpg" };
}

/** Body Markdown as HTML for the live preview: raw HTML in the text is dropped, never rendered. */
export function previewBody(markdown: string): string {
  const tree = markdownToMdast(markdown) as unknown as Root;
  return toHtml(toHast(tree));
}

function problemList(problems: readonly ContentProblem[], title: string): Markup {
  if (problems.length === 0) return html``;
  return html`<div class="problems" role="alert">
    <h2>${title}</h2>
    <ul>
      ${problems.map((p) => html`<li>${p.file}${p.line ? `:${p.line}` : ""}${p.field ? ` · ${p.field}` : ""} · ${p.message}</li>`)}
    </ul>
  </div>`;
}

interface FormState {
  id: string;
  isNew: boolean;
  data: Record<string, unknown>;
  body?: string | undefined;
  problems: FieldProblems;
  other: ContentProblem[];
}

function editForm(c: Ctx, k: EditableKind, state: FormState): Markup {
  const idProblems = state.problems.get("__id") ?? [];
  const bodyName = k.storage.type === "dir" ? k.storage.body : undefined;
  const bodyProblems = bodyName ? (state.problems.get(bodyName) ?? []) : [];
  const multipart = k.key === "people";
  return html`${problemList(state.other, "未保存：请先处理以下问题")}
    <form method="post" action="/edit/${k.key}/${state.isNew ? "new" : state.id}" class="edit" ${multipart ? html`enctype="multipart/form-data"` : ""} novalidate>
      ${hiddenCsrf(c)}
      ${
        state.isNew && k.storage.type === "dir"
          ? html`<div class="field${idProblems.length ? " has-error" : ""}">
              <label for="f-__id">编号<span class="req" aria-label="必填">*</span></label>
              <p class="help" id="f-__id-help">${ID_HELP}</p>
              <input id="f-__id" name="__id" value="${state.id}" aria-describedby="f-__id-help${idProblems.length ? " f-__id-error" : ""}" ${idProblems.length ? html`aria-invalid="true"` : ""} />
              ${
                idProblems.length
                  ? html`<ul class="field-error" id="f-__id-error">
                      ${idProblems.map((m) => html`<li>${m}</li>`)}
                    </ul>`
                  : ""
              }
            </div>`
          : ""
      }
      ${fields(k.schema, state.data, state.problems)}
      ${
        multipart
          ? html`<div class="field drop" data-drop="photo-file">
              <label for="photo-file">上传照片</label>
              <p class="help" id="photo-help">把照片拖到这里，或点击选择文件（JPG、PNG、WebP，不超过 10 MB，短边至少 300 像素）；保存时自动转正方向、去除拍摄地点等信息，并按编号命名。</p>
              <input id="photo-file" name="photoFile" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-help" />
              <p class="help" id="focus-help">网站按 4:5 竖幅显示照片：保存时以下面的取景中心裁切。选择照片后，也可以直接在预览图上点击人物的脸。</p>
              <div class="focus">
                <div class="focus-picture"><img id="photo-preview" alt="所选照片的预览：点击设定取景中心" hidden /><span id="focus-mark" hidden></span></div>
                <label for="focus-x">取景中心（横向，0 为最左，100 为最右）</label>
                <input id="focus-x" name="photoFocusX" type="number" min="0" max="100" value="50" aria-describedby="focus-help" />
                <label for="focus-y">取景中心（纵向，0 为最上，100 为最下）</label>
                <input id="focus-y" name="photoFocusY" type="number" min="0" max="100" value="50" aria-describedby="focus-help" />
              </div>
              ${
                (state.problems.get("photoFile") ?? []).length
                  ? html`<ul class="field-error">
                      ${(state.problems.get("photoFile") ?? []).map((m) => html`<li>${m}</li>`)}
                    </ul>`
                  : ""
              }
            </div>`
          : ""
      }
      ${
        bodyName
          ? html`<div class="field body${bodyProblems.length ? " has-error" : ""}">
              <label for="f-body">${bodyName}</label>
              <p class="help" id="f-body-help">正文用 Markdown 书写：空一行另起一段。右侧为实时预览。</p>
              <div class="split">
                <textarea id="f-body" name="__body" rows="16" lang="zh-CN" data-preview="body-preview" aria-describedby="f-body-help">${state.body ?? ""}</textarea>
                <div id="body-preview" class="preview" aria-live="polite" aria-label="正文预览">${raw(previewBody(state.body ?? ""))}</div>
              </div>
              ${
                bodyProblems.length
                  ? html`<ul class="field-error">
                      ${bodyProblems.map((m) => html`<li>${m}</li>`)}
                    </ul>`
                  : ""
              }
            </div>`
          : ""
      }
      <button type="submit">保存</button>
    </form>`;
}

/** Splits the loader's problems into those of the saved file (by field) and the rest. */
function splitProblems(result: SaveResult, file: string): { mine: FieldProblems; other: ContentProblem[] } {
  const mine = result.problems.filter((p) => p.file === file && p.field);
  return { mine: byField(mine), other: result.problems.filter((p) => !(p.file === file && p.field)) };
}

export function contentRoutes(app: Hono<Env>, studio: Studio): void {
  const { store } = studio;

  app.get("/", (c) => {
    const waiting = studio.pending.list();
    const s = c.get("session");
    return studioPage(
      c,
      "首页",
      html`<p>您好，${s.name}。在这里修改网站内容、导入红黑榜、制作海报、预览并发布网站；所有修改都会留下记录。</p>
        ${waiting.length ? html`<p class="flash"><a href="/review">有 ${waiting.length} 项红黑榜修改等待审核</a></p>` : ""}
        <ul class="cards">
          ${KINDS.map((k) => html`<li><a href="/edit/${k.key}">${k.label}</a></li>`)}
          <li><a href="/lists">红黑榜导入与更正</a></li>
          <li><a href="/posters">海报制作</a></li>
          <li><a href="/preview">预览</a></li>
          <li><a href="/publish">发布</a></li>
          <li><a href="/history">修改记录</a></li>
        </ul>`,
    );
  });

  app.get("/edit/:kind", async (c) => {
    const k = findKind(c.req.param("kind"));
    if (!k) return c.notFound();
    if (k.storage.type === "file") return c.redirect(`/edit/${k.key}/site`, 303);
    const items = await listItems(store, k);
    return studioPage(
      c,
      k.label,
      html`<p><a class="button" href="/edit/${k.key}/new">新增${k.item}</a></p>
        <ul class="items">
          ${items.map((i) => html`<li><a href="/edit/${k.key}/${i.id}">${k.titleOf(i.data)}</a> <span class="id">${i.id}</span></li>`)}
        </ul>`,
      c.req.query("saved") ? `已保存：${c.req.query("saved")}` : undefined,
    );
  });

  app.get("/edit/:kind/:id", async (c) => {
    const k = findKind(c.req.param("kind"));
    if (!k) return c.notFound();
    const denied = allowed(c, k.permission);
    if (denied) return denied;
    const id = c.req.param("id");
    if (id === "new") return studioPage(c, `新增${k.item}`, editForm(c, k, { id: "", isNew: true, data: {}, body: "", problems: new Map(), other: [] }));
    const item = await readItem(store, k, id);
    if (!item) return c.notFound();
    return studioPage(
      c,
      `${k.label}：${k.titleOf(item.data)}`,
      editForm(c, k, { id: item.id, isNew: false, data: item.data, body: item.body, problems: new Map(), other: [] }),
      c.req.query("saved") ? "已保存" : undefined,
    );
  });

  app.post("/edit/:kind/:id", async (c) => {
    const k = findKind(c.req.param("kind"));
    if (!k) return c.notFound();
    const denied = allowed(c, k.permission);
    if (denied) return denied;
    const param = c.req.param("id");
    const isNew = param === "new";
    const form = formOf(c);
    const strings = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const data = formToData(k.schema, strings);
    const body = k.storage.type === "dir" && k.storage.body ? text(form, "__body") : undefined;
    const existing = isNew ? undefined : await readItem(store, k, param);
    if (!isNew && !existing) return c.notFound();
    const id = k.storage.type === "dir" ? (isNew ? text(form, "__id").trim() : param) : k.storage.type === "list" ? (typeof data["id"] === "string" ? data["id"] : "") : "site";
    const again = (problems: FieldProblems, other: ContentProblem[] = []) => {
      c.status(422);
      return studioPage(c, isNew ? `新增${k.item}` : `${k.label}：${k.titleOf(existing?.data ?? data)}`, editForm(c, k, { id, isNew, data, body, problems, other }));
    };
    if (k.storage.type === "list" && id !== (existing?.id ?? "") && (await readItem(store, k, id))) return again(new Map([["id", [`编号“${id}”已被使用，请换一个`]]]));
    if (k.storage.type === "dir" && isNew) {
      if (!validId(id)) return again(new Map([["__id", [`编号“${id}”不可用：${ID_HELP}`]]]));
      if (await readItem(store, k, id)) return again(new Map([["__id", [`编号“${id}”已被使用，请换一个`]]]));
    }
    const s = c.get("session");
    const photo = form["photoFile"];
    const extra = new Map<string, Buffer>();
    if (k.key === "people" && photo instanceof File && photo.size > 0) {
      const processed = await processPhoto(Buffer.from(await photo.arrayBuffer()), focusOf(text(form, "photoFocusX"), text(form, "photoFocusY")));
      if ("error" in processed) return again(new Map([["photoFile", [processed.error]]]));
      const rel = `photos/${id}.${processed.ext}`;
      extra.set(`good-people/${rel}`, processed.data);
      data["photo"] = rel;
    }
    const changes = await itemChanges(store, k, id, data, body, existing?.id);
    for (const [rel, bytes] of extra) changes.set(rel, bytes);
    const title = k.titleOf(data);
    const message = `${k.label}：${isNew ? "新增" : "修改"} ${title}（${s.name}）`;
    const result = await store.save(changes, message, { name: s.name }, studio.asOf());
    if (!result.ok) {
      const { mine, other } = splitProblems(result, itemFile(k, id));
      return again(mine, other);
    }
    return c.redirect(k.storage.type === "file" ? `/edit/${k.key}/site?saved=1` : `/edit/${k.key}?saved=${encodeURIComponent(title)}`, 303);
  });

  app.post("/api/markdown", async (c) => {
    const body = await c.req.text();
    if (body.length > 200_000) return c.text("正文过长", 413);
    return c.html(previewBody(body));
  });
}
