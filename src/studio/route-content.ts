/** 首页 and the content forms: every kind of KINDS, with photos for good people, covers and attachments for news, and a live body preview. */
import type { Hono } from "hono";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { attachmentTextCheck } from "../lib/content/attachments.ts";
import { markdownToMdast } from "satteri";
import { toHast } from "mdast-util-to-hast";
import { toHtml } from "hast-util-to-html";
import type { Root } from "mdast";
import { allowed, formOf, hiddenCsrf, studioPage, text, type Ctx, type Env, type Form, type Studio } from "./app.ts";
import { byField, fieldErrors, fields, formToData, pickerId, usesPicker, type FieldProblems } from "./forms.ts";
import { libraryImages } from "./route-images.ts";
import { html, raw, type Markup } from "./html.ts";
import { deletable, findKind, ID_HELP, itemChanges, itemFile, KINDS, listItems, readItem, removalChanges, validId, type EditableKind, type Item } from "./kinds.ts";
import type { ContentProblem } from "../lib/content/problems.ts";
import { heldUploads, holdUploads, releaseUploads, type Upload } from "./held-uploads.ts";
import { PathError, type Changes, type SaveResult } from "./store.ts";
import { attachmentName, focusOf, freePath, MAX_ATTACHMENTS, processPicture, processPhoto, uploadedAttachmentProblem } from "./uploads.ts";

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
  /** Files chosen before a refused save, held for the next (held-uploads.ts): their token, and their names per field. */
  held?: { token: string; names: Map<string, string[]> } | undefined;
  /** The photo's crop centre as sent (percent), so a refused save keeps it. */
  focus?: { x: string; y: string } | undefined;
  /** The image library's pictures, offered by the kind's picture fields (schema meta `picker: "images"`). */
  images?: string[] | undefined;
}

/** Under an upload field: the files held for it from a refused save, which the next save stores without choosing them again. */
function heldNote(state: FormState, field: string): Markup {
  const names = state.held?.names.get(field) ?? [];
  return names.length ? html`<p class="held" id="${field}-held">已选择：${names.join("、")}（保存时一并保存，无需重新选择；重新选择会替换${field === "attachmentFiles" ? "为新增" : ""}）</p>` : html``;
}

/** The kinds whose forms take files, and the field a problem with the files of a save is said at. */
const FILE_FIELD: Partial<Record<string, string>> = { people: "photoFile", news: "coverFile" };

function editForm(c: Ctx, k: EditableKind, state: FormState): Markup {
  const idProblems = state.problems.get("__id") ?? [];
  const bodyName = k.storage.type === "dir" ? k.storage.body : undefined;
  const bodyProblems = bodyName ? (state.problems.get(bodyName) ?? []) : [];
  const multipart = FILE_FIELD[k.key] !== undefined;
  return html`${problemList(state.other, "未保存：请先处理以下问题")}
    <form method="post" action="/edit/${k.key}/${state.isNew ? "new" : state.id}" class="edit" ${multipart ? html`enctype="multipart/form-data"` : ""} novalidate>
      ${hiddenCsrf(c)} ${state.held ? html`<input type="hidden" name="__uploads" value="${state.held.token}" />` : ""}
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
        k.key === "people"
          ? html`<div class="field drop" data-drop="photo-file">
              <label for="photo-file">上传照片</label>
              <p class="help" id="photo-help">把照片拖到这里，或点击选择文件（JPG、PNG、WebP，不超过 10 MB，短边至少 300 像素）；保存时自动转正方向、去除拍摄地点等信息，并按编号命名。</p>
              <input id="photo-file" name="photoFile" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-help" />
              <p class="help" id="focus-help">网站按 4:5 竖幅显示照片：保存时以下面的取景中心裁切。选择照片后，也可以直接在预览图上点击人物的脸。</p>
              <div class="focus">
                <div class="focus-picture"><img id="photo-preview" alt="所选照片的预览：点击设定取景中心" hidden /><span id="focus-mark" hidden></span></div>
                <label for="focus-x">取景中心（横向，0 为最左，100 为最右）</label>
                <input id="focus-x" name="photoFocusX" type="number" min="0" max="100" value="${state.focus?.x ?? "50"}" aria-describedby="focus-help" />
                <label for="focus-y">取景中心（纵向，0 为最上，100 为最下）</label>
                <input id="focus-y" name="photoFocusY" type="number" min="0" max="100" value="${state.focus?.y ?? "50"}" aria-describedby="focus-help" />
              </div>
              ${heldNote(state, "photoFile")} ${fieldErrors("photoFile", state.problems.get("photoFile") ?? [])}
            </div>`
          : ""
      }
      ${k.key === "news" ? newsUploads(state) : ""}
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
      ${state.images ? html`<datalist id="${pickerId("images")}">${state.images.map((path) => html`<option value="${path}"></option>`)}</datalist>` : ""}
    </form>
    ${!state.isNew && deletable(k) ? html`<p class="delete-link"><a href="/delete/${k.key}/${state.id}">删除此${k.item}</a></p>` : ""}`;
}

/** The content paths a news item's cover and attachments are stored at (news/images/…, news/files/…). */
function newsFiles(data: Record<string, unknown>): string[] {
  const attachments = Array.isArray(data["attachments"]) ? (data["attachments"] as Record<string, unknown>[]) : [];
  return [data["cover"], ...attachments.map((a) => a["file"])].filter((p): p is string => typeof p === "string").map((p) => `news/${p}`);
}

/**
 * What staff must check by eye in these notices' attachments — a scan has no text to look for ID and mobile
 * numbers in — said on a notice's page for as long as the file is attached, and on the list after it is saved
 * (each file's text is read once: memo.ts).
 */
async function attachmentWarnings(root: string, items: readonly Pick<Item, "data">[]): Promise<Markup> {
  const warnings: string[] = [];
  for (const item of items)
    // Only files of news/files/ (an item's data is what its file says, checked or not).
    for (const path of newsFiles(item.data).filter((p) => p.startsWith("news/files/") && !/(^|\/)\.\.(\/|$)|\\/.test(p))) {
      const bytes = await readFile(join(root, path)).catch(() => undefined);
      const checked = bytes && (await attachmentTextCheck(path.slice("news/".length), bytes));
      if (checked && checked.warning) warnings.push(checked.warning);
    }
  return warnings.length
    ? html`<div class="note" role="note">
        <p>请注意：</p>
        <ul>
          ${warnings.map((w) => html`<li>${w}</li>`)}
        </ul>
      </div>`
    : html``;
}

/**
 * Everything deleting `item` removes: its file (or list entry) and, for a
 * news item, its cover and attachments that no other news item uses — a
 * deleted notice leaves nothing of its own to be published.
 */
async function deletion(studio: Studio, k: EditableKind, item: Item): Promise<Changes> {
  const changes = await removalChanges(studio.store, k, item.id);
  if (k.key !== "news") return changes;
  for (const path of await unusedNewsFiles(studio, k, item.id, newsFiles(item.data))) changes.set(path, null);
  return changes;
}

/** Of `paths` (news/…), the files that exist and that no news item other than `id` uses. */
async function unusedNewsFiles(studio: Studio, k: EditableKind, id: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const others = new Set((await listItems(studio.store, k)).filter((i) => i.id !== id).flatMap((i) => newsFiles(i.data)));
  return paths.filter((path) => {
    if (others.has(path)) return false;
    // A path the loader would refuse (hand-edited, with ../) names nothing of the item's to remove.
    try {
      return existsSync(studio.store.path(path));
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      return false;
    }
  });
}

function deletePage(c: Ctx, k: EditableKind, item: Item, changes: Changes, problems: readonly ContentProblem[] = []): Response {
  const files = [...changes.keys()];
  return studioPage(
    c,
    `删除${k.item}：${k.titleOf(item.data)}`,
    html`${problemList(problems, "未删除：删除后内容会出现以下问题，请先处理")}
      <p>删除后，这个${k.item}不再出现在网站上，它的网址也将不存在。删除会记入“修改记录”，需要时可在那里撤销。</p>
      ${
        files.length > 1
          ? html`<p>将一并删除：</p>
              <ul>
                ${files.map((f) => html`<li>${f}</li>`)}
              </ul>`
          : ""
      }
      <form method="post" action="/delete/${k.key}/${item.id}" class="edit">
        ${hiddenCsrf(c)}
        <button type="submit" class="danger">确认删除</button>
        <a href="/edit/${k.key}/${item.id}">取消</a>
      </form>`,
  );
}

/** A news item's cover picture and attachments, uploaded with the form (stored under content/news/images/ and files/). */
function newsUploads(state: FormState): Markup {
  return html`<div class="field drop${state.problems.has("coverFile") ? " has-error" : ""}" data-drop="cover-file">
      <label for="cover-file">上传封面图片</label>
      <p class="help" id="cover-help">
        把图片拖到这里，或点击选择文件（JPG、PNG、WebP，不超过 10 MB，短边至少 300 像素）；保存时自动转正方向、去除拍摄地点等信息，存为
        images/编号.jpg，并填入上面的“封面图片”。请同时填写“封面图片说明”。
      </p>
      <input id="cover-file" name="coverFile" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="cover-help${state.problems.has("coverFile") ? " coverFile-error" : ""}" />
      ${heldNote(state, "coverFile")} ${fieldErrors("coverFile", state.problems.get("coverFile") ?? [])}
    </div>
    <div class="field drop${state.problems.has("attachmentFiles") ? " has-error" : ""}" data-drop="attachment-files">
      <label for="attachment-files">上传附件</label>
      <p class="help" id="attachment-help">
        把文件拖到这里，或点击选择文件，可一次选多个（PDF、Word、Excel、PowerPoint、WPS 或 OFD，每个不超过 20 MB）；保存后列在上面的“附件”中，附件名称取自文件名，可再修改。
      </p>
      <input
        id="attachment-files"
        name="attachmentFiles[]"
        type="file"
        multiple
        accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.ofd"
        aria-describedby="attachment-help${state.problems.has("attachmentFiles") ? " attachmentFiles-error" : ""}"
      />
      ${heldNote(state, "attachmentFiles")} ${fieldErrors("attachmentFiles", state.problems.get("attachmentFiles") ?? [])}
    </div>`;
}

/** Splits the loader's problems into those of the saved file (by field) and the rest. */
function splitProblems(result: SaveResult, file: string): { mine: FieldProblems; other: ContentProblem[] } {
  const mine = result.problems.filter((p) => p.file === file && p.field);
  return { mine: byField(mine), other: result.problems.filter((p) => !(p.file === file && p.field)) };
}

/** The form's note of files held from before (`uploads`, under `token`), or none. */
function heldState(uploads: readonly Upload[], token: string): FormState["held"] {
  if (uploads.length === 0 || token === "") return undefined;
  const names = new Map<string, string[]>();
  for (const u of uploads) names.set(u.field, [...(names.get(u.field) ?? []), u.name]);
  return { token, names };
}

/** The upload fields of the content forms, by the name their files are held under (a field of several files ends in “[]” in the form). */
const UPLOAD_FIELDS: Record<string, string> = { photoFile: "photoFile", coverFile: "coverFile", attachmentFiles: "attachmentFiles[]" };

/**
 * The files of this save: those held from a refused save, then those chosen
 * now — a field of one file (photo, cover) takes the one chosen now, a field
 * of several (attachments) takes both.
 */
async function formUploads(form: Form, held: readonly Upload[]): Promise<Upload[]> {
  const fresh: Upload[] = [];
  for (const [field, name] of Object.entries(UPLOAD_FIELDS))
    for (const file of [form[name]].flat()) if (file instanceof File && file.size > 0) fresh.push({ field, name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  const replaced = new Set(fresh.filter((u) => u.field !== "attachmentFiles").map((u) => u.field));
  return [...held.filter((u) => !replaced.has(u.field)), ...fresh];
}

/**
 * A news item's uploads (form fields coverFile and attachmentFiles[]) as
 * files to store with it, and `data` pointing at them: the cover as
 * images/<id>.jpg, each attachment under its own name made safe in files/
 * (appended to the item's attachments, titled by the file's name). Each
 * upload is checked first; any problem refuses them all, by field.
 */
async function newsUploadChanges(
  studio: Studio,
  chosen: readonly Upload[],
  id: string,
  data: Record<string, unknown>,
): Promise<{ files: Map<string, Buffer>; problems: FieldProblems; accepted: Upload[] }> {
  const files = new Map<string, Buffer>();
  // The uploads that passed their own checks: held for the next save when another one is refused.
  const accepted: Upload[] = [];
  const problems: FieldProblems = new Map();
  const problem = (field: string, message: string) => problems.set(field, [...(problems.get(field) ?? []), message]);
  const cover = chosen.find((u) => u.field === "coverFile");
  let coverPath: string | undefined;
  if (cover) {
    const processed = await processPicture(cover.bytes, "封面图片");
    if ("error" in processed) problem("coverFile", processed.error);
    else {
      coverPath = `images/${id}.${processed.ext}`;
      files.set(`news/${coverPath}`, processed.data);
      accepted.push(cover);
    }
  }
  const uploads = chosen.filter((u) => u.field === "attachmentFiles");
  const added: { title: string; file: string }[] = [];
  if (uploads.length > MAX_ATTACHMENTS) problem("attachmentFiles", `一次至多上传 ${MAX_ATTACHMENTS} 个附件，这次选择了 ${uploads.length} 个`);
  else
    for (const upload of uploads) {
      const named = attachmentName(upload.name);
      if ("error" in named) {
        problem("attachmentFiles", named.error);
        continue;
      }
      const bytes = upload.bytes;
      const refused = await uploadedAttachmentProblem(named.name, bytes);
      if (refused) {
        problem("attachmentFiles", refused);
        continue;
      }
      const rel = await freePath(studio.store, "news/files", named.name, bytes, new Set(files.keys()));
      files.set(rel, bytes);
      added.push({ title: named.title, file: rel.slice("news/".length) });
      accepted.push(upload);
    }
  if (problems.size > 0) return { files: new Map(), problems, accepted };
  if (coverPath) data["cover"] = coverPath;
  const listed: unknown[] = Array.isArray(data["attachments"]) ? data["attachments"] : [];
  if (added.length > 0) data["attachments"] = [...listed, ...added];
  return { files, problems, accepted };
}

export function contentRoutes(app: Hono<Env>, studio: Studio): void {
  const { store } = studio;
  /** The pictures a kind's form offers, when it has a picture field. */
  const imagesFor = async (k: EditableKind) => (usesPicker(k.schema, "images") ? libraryImages(store.root) : undefined);

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
          <li><a href="/images">图片库</a></li>
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
      html`${
          k.key === "news"
            ? await attachmentWarnings(
                store.root,
                items.filter((i) => i.id === c.req.query("item")),
              )
            : ""
        }
        <p><a class="button" href="/edit/${k.key}/new">新增${k.item}</a></p>
        <ul class="items">
          ${items.map((i) => html`<li><a href="/edit/${k.key}/${i.id}">${k.titleOf(i.data)}</a> <span class="id">${i.id}</span></li>`)}
        </ul>`,
      c.req.query("saved") ? `已保存：${c.req.query("saved")}` : c.req.query("deleted") ? `已删除：${c.req.query("deleted")}` : undefined,
    );
  });

  app.get("/edit/:kind/:id", async (c) => {
    const k = findKind(c.req.param("kind"));
    if (!k) return c.notFound();
    const denied = allowed(c, k.permission);
    if (denied) return denied;
    const id = c.req.param("id");
    const images = await imagesFor(k);
    if (id === "new") return studioPage(c, `新增${k.item}`, editForm(c, k, { id: "", isNew: true, data: {}, body: "", problems: new Map(), other: [], images }));
    const item = await readItem(store, k, id);
    if (!item) return c.notFound();
    return studioPage(
      c,
      `${k.label}：${k.titleOf(item.data)}`,
      html`${k.key === "news" ? await attachmentWarnings(store.root, [item]) : ""}${editForm(c, k, { id: item.id, isNew: false, data: item.data, body: item.body, problems: new Map(), other: [], images })}`,
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
    // The form as staff filled it: shown again when the save is refused (the uploads below are not in it: not stored).
    const filled = structuredClone(data);
    const focus = { x: text(form, "photoFocusX") || "50", y: text(form, "photoFocusY") || "50" };
    const images = await imagesFor(k);
    const again = (problems: FieldProblems, other: ContentProblem[] = [], held?: FormState["held"]) => {
      c.status(422);
      return studioPage(c, isNew ? `新增${k.item}` : `${k.label}：${k.titleOf(existing?.data ?? data)}`, editForm(c, k, { id, isNew, data: filled, body, problems, other, held, focus, images }));
    };
    if (k.storage.type === "list" && id !== (existing?.id ?? "") && (await readItem(store, k, id))) return again(new Map([["id", [`编号“${id}”已被使用，请换一个`]]]));
    if (k.storage.type === "dir" && isNew) {
      if (!validId(id)) return again(new Map([["__id", [`编号“${id}”不可用：${ID_HELP}`]]]));
      if (await readItem(store, k, id)) return again(new Map([["__id", [`编号“${id}”已被使用，请换一个`]]]));
    }
    const s = c.get("session");
    const token = text(form, "__uploads");
    const held = await heldUploads(studio.config.data, s.name, token);
    if (!held) {
      const lapsed = "之前选择的文件已失效（超过一天，或已经保存过），请重新选择";
      // Said at the form's file field; a form without one (a token not from this form) says it above the form.
      const field = FILE_FIELD[k.key];
      return field ? again(new Map([[field, [lapsed]]])) : again(new Map(), [{ file: itemFile(k, id), message: lapsed }]);
    }
    const uploads = await formUploads(form, held);
    /** Holds `kept` for the next save in place of what this one was sent with; the form's note of them. */
    const holdAgain = async (kept: readonly Upload[]): Promise<FormState["held"]> => {
      const next = kept.length > 0 ? await holdUploads(studio.config.data, s.name, kept) : "";
      await releaseUploads(studio.config.data, token);
      return heldState(kept, next);
    };
    const photo = uploads.find((u) => u.field === "photoFile");
    const extra = new Map<string, Buffer>();
    if (k.key === "people" && photo) {
      const processed = await processPhoto(photo.bytes, focusOf(focus.x, focus.y));
      if ("error" in processed) return again(new Map([["photoFile", [processed.error]]]), [], heldState(held, token));
      const rel = `photos/${id}.${processed.ext}`;
      extra.set(`good-people/${rel}`, processed.data);
      data["photo"] = rel;
    }
    if (k.key === "news") {
      const uploaded = await newsUploadChanges(studio, uploads, id, data);
      // The refused file is named at its field; the accepted ones stay chosen.
      if (uploaded.problems.size > 0) return again(uploaded.problems, [], await holdAgain(uploaded.accepted));
      for (const [rel, bytes] of uploaded.files) extra.set(rel, bytes);
    }
    const changes = await itemChanges(store, k, id, data, body, existing?.id);
    for (const [rel, bytes] of extra) changes.set(rel, bytes);
    if (k.key === "news" && existing) {
      // An attachment (or cover) the notice no longer names is removed with the save, when no other notice uses it:
      // it would stay in content/news/ unpublished, and be taken by no later deletion.
      const now = new Set(newsFiles(data));
      const dropped = newsFiles(existing.data).filter((path) => !now.has(path) && !changes.has(path));
      for (const path of await unusedNewsFiles(studio, k, existing.id, dropped)) changes.set(path, null);
    }
    const title = k.titleOf(data);
    const message = `${k.label}：${isNew ? "新增" : "修改"} ${title}（${s.name}）`;
    const result = await store.save(changes, message, { name: s.name }, studio.asOf());
    if (!result.ok) {
      const { mine, other } = splitProblems(result, itemFile(k, id));
      // The files chosen passed their own checks but were not stored: held for the next save, which needs only the fix.
      return again(mine, other, await holdAgain(uploads));
    }
    await releaseUploads(studio.config.data, token);
    // The list names what was saved, and what to check in it (a notice's scanned attachment: attachmentWarnings).
    return c.redirect(k.storage.type === "file" ? `/edit/${k.key}/site?saved=1` : `/edit/${k.key}?saved=${encodeURIComponent(title)}&item=${encodeURIComponent(id)}`, 303);
  });

  // Deleting: a confirmation page first (what goes with the item), then the deletion, checked like any change.
  const deletableItem = async (c: Ctx): Promise<{ k: EditableKind; item: Item } | Response> => {
    const k = findKind(c.req.param("kind") ?? "");
    if (!k || !deletable(k)) return c.notFound();
    const denied = allowed(c, k.permission);
    if (denied) return denied;
    const item = await readItem(store, k, c.req.param("id") ?? "");
    return item ? { k, item } : c.notFound();
  };

  app.get("/delete/:kind/:id", async (c) => {
    const found = await deletableItem(c);
    if (found instanceof Response) return found;
    return deletePage(c, found.k, found.item, await deletion(studio, found.k, found.item));
  });

  app.post("/delete/:kind/:id", async (c) => {
    const found = await deletableItem(c);
    if (found instanceof Response) return found;
    const { k, item } = found;
    const changes = await deletion(studio, k, item);
    const s = c.get("session");
    const title = k.titleOf(item.data);
    const result = await store.save(new Map(changes), `${k.label}：删除 ${title}（${s.name}）`, { name: s.name }, studio.asOf());
    if (!result.ok) {
      c.status(422);
      return deletePage(c, k, item, changes, result.problems);
    }
    return c.redirect(`/edit/${k.key}?deleted=${encodeURIComponent(title)}`, 303);
  });

  app.post("/api/markdown", async (c) => {
    const body = await c.req.text();
    if (body.length > 200_000) return c.text("正文过长", 413);
    return c.html(previewBody(body));
  });
}
