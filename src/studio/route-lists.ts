/**
 * 红黑榜 in the workbench: a department's spreadsheet checked row by row
 * (the same plan as `lists:import`), unknown headers mapped once per
 * department, a template to download, corrections of published entries —
 * and four eyes: every list change waits in Pending until a different 审核
 * account has seen the entries it changes and approved it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { parse } from "csv-parse/sync";
import writeXlsxFile from "write-excel-file/node";
import { allowed, formOf, hiddenCsrf, studioPage, text, type Ctx, type Env, type Studio } from "./app.ts";
import { html, type Markup } from "./html.ts";
import { FIELDS, headerOf, REQUIRED_FIELDS, type FieldKey } from "../lib/integrity/columns.ts";
import { csvText } from "../lib/integrity/csv.ts";
import { planImport, type ImportPlan } from "../lib/integrity/import.ts";
import { BATCH_FILE, loadLists } from "../lib/integrity/lists.ts";
import { readListBytes, type Table } from "../lib/integrity/read-table.ts";
import { LEDGER_FILE, recordPublished } from "../lib/integrity/ledger.ts";
import { entryKey, LIST_NAMES, LISTS, type ListKind } from "../primitives/integrity-terms.ts";
import { shanghaiMinute } from "../primitives/dates.ts";
import type { IntegrityEntry } from "../schemas/integrity.ts";
import { formatProblem } from "../lib/content/problems.ts";
import type { Changes } from "./store.ts";
import type { PendingChange } from "./pending.ts";

const UPLOAD = /^[0-9a-f]{32}\.(csv|xlsx)$/;
const DEPARTMENT = /^[\p{Script=Han}A-Za-z0-9（）()·\- ]{1,30}$/u;

/** Header mappings staff chose, per department: department → header → field. */
class HeaderMaps {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, "header-maps.json");
  }
  all(): Record<string, Record<string, FieldKey>> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, "utf8")) as Record<string, Record<string, FieldKey>>) : {};
  }
  of(department: string): Map<string, FieldKey> {
    return new Map(Object.entries(this.all()[department] ?? {}));
  }
  set(department: string, header: string, field: FieldKey): void {
    const all = this.all();
    all[department] = { ...all[department], [header]: field };
    mkdirSync(join(this.file, ".."), { recursive: true });
    writeFileSync(this.file, JSON.stringify(all, null, 2));
  }
}

interface Upload {
  token: string;
  list: ListKind;
  batch: string;
  department: string;
}

function uploadFields(u: Upload): Markup {
  return html`<input type="hidden" name="token" value="${u.token}" /><input type="hidden" name="list" value="${u.list}" /><input type="hidden" name="batch" value="${u.batch}" /><input
      type="hidden"
      name="department"
      value="${u.department}"
    />`;
}

function uploadOf(form: Record<string, unknown>): Upload | string {
  const str = (key: string) => (typeof form[key] === "string" ? form[key] : "");
  const token = str("token");
  const list = str("list") as ListKind;
  const batch = str("batch");
  const department = str("department").trim();
  if (!UPLOAD.test(token)) return "上传记录无效，请重新上传文件";
  if (!LISTS.includes(list)) return "请选择红榜或黑榜";
  if (!BATCH_FILE.test(batch)) return `批次应为 YYYY-MM，如 2026-11，收到“${batch}”`;
  if (!DEPARTMENT.test(department)) return `报送单位应为 1 至 30 个汉字、字母或数字，收到“${department}”`;
  return { token, list, batch, department };
}

/** The rows as staff sent them, each problem beside its cell (or its row). */
function planTable(table: Table, plan: ImportPlan): Markup {
  const columns = FIELDS.filter((f) => table.columns.has(f.key));
  const byRow = new Map<number, { field: string; message: string }[]>();
  for (const p of plan.rowProblems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  return html`<table class="sheet">
    <caption>
      共 ${table.rows.length} 行，${byRow.size} 行有问题
    </caption>
    <thead>
      <tr>
        <th scope="col">行号</th>
        ${columns.map((f) => html`<th scope="col">${f.header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${table.rows.map((r) => {
        const problems = byRow.get(r.row) ?? [];
        const known = new Set<string>();
        const cells = columns.map((f) => {
          const mine = problems.filter((p) => p.field === f.header || p.field === f.key);
          mine.forEach((p) => known.add(p.message));
          return html`<td class="${mine.length ? "bad" : ""}">${r.values[f.key] ?? ""}${mine.map((p) => html`<span class="cell-error">${p.message}</span>`)}</td>`;
        });
        const rest = problems.filter((p) => !known.has(p.message));
        return html`<tr class="${problems.length ? "bad-row" : ""}">
            <th scope="row">${r.row}</th>
            ${cells}
          </tr>
          ${
            rest.length
              ? html`<tr class="bad-row">
                  <td></td>
                  <td colspan="${columns.length}">${rest.map((p) => html`<span class="cell-error">${p.field} · ${p.message}</span>`)}</td>
                </tr>`
              : ""
          }`;
      })}
    </tbody>
  </table>`;
}

/** What a list change does to the published lists: entries shown, changed, no longer shown (as of today). */
export function entryDiff(
  before: readonly IntegrityEntry[],
  after: readonly IntegrityEntry[],
): { added: IntegrityEntry[]; removed: IntegrityEntry[]; changed: { entry: IntegrityEntry; fields: [string, string, string][] }[] } {
  const old = new Map(before.map((e) => [entryKey(e), e]));
  const now = new Map(after.map((e) => [entryKey(e), e]));
  const added = after.filter((e) => !old.has(entryKey(e)));
  const removed = before.filter((e) => !now.has(entryKey(e)));
  const changed: { entry: IntegrityEntry; fields: [string, string, string][] }[] = [];
  for (const e of after) {
    const o = old.get(entryKey(e));
    if (!o) continue;
    const fields: [string, string, string][] = [];
    for (const f of FIELDS) {
      const key = (f.key === "idNumber" ? "idNumberMasked" : f.key) as keyof IntegrityEntry;
      const a = String(o[key] ?? "");
      const b = String(e[key] ?? "");
      if (a !== b) fields.push([f.header, a, b]);
    }
    if (fields.length) changed.push({ entry: e, fields });
  }
  return { added, removed, changed };
}

function entryLine(e: IntegrityEntry): Markup {
  return html`${LIST_NAMES[e.list]} ${e.id} · ${e.subjectName} · ${e.docNumber} · ${e.status} · 公示至 ${e.publicUntil}`;
}

export function listRoutes(app: Hono<Env>, studio: Studio): void {
  const { store, config } = studio;
  const maps = new HeaderMaps(config.data);
  const uploads = join(config.data, "uploads");

  const checkPage = async (c: Ctx, u: Upload) => {
    const ext = extname(u.token);
    const bytes = await readFile(join(uploads, u.token));
    let table: Table;
    try {
      table = await readListBytes(bytes, ext, maps.of(u.department));
    } catch (error) {
      c.status(422);
      return studioPage(
        c,
        "红黑榜导入",
        html`<p role="alert" class="field-error">${error instanceof Error ? error.message : String(error)}</p>
          <p><a href="/lists">重新上传</a></p>`,
      );
    }
    const plan = await planImport(store.root, table, u.list, u.batch, studio.asOf());
    const clean = plan.fileProblems.length === 0 && plan.rowProblems.length === 0;
    const unknown = table.unknown ?? [];
    return studioPage(
      c,
      `检查：${LIST_NAMES[u.list]} ${u.batch}（${u.department}报送）`,
      html`${table.notes.map((n) => html`<p class="note">提示：${n}</p>`)}
      ${
        plan.fileProblems.length
          ? html`<div class="problems" role="alert">
              <h2>文件的问题</h2>
              <ul>
                ${plan.fileProblems.map((p) => html`<li>${p}</li>`)}
              </ul>
            </div>`
          : ""
      }
      ${unknown.map(
        (header) =>
          html`<form method="post" action="/lists/map" class="map">
            ${hiddenCsrf(c)}${uploadFields(u)}<input type="hidden" name="header" value="${header}" />
            <label for="map-${header}">把“${header}”列当作</label>
            <select id="map-${header}" name="field">
              ${FIELDS.map((f) => html`<option value="${f.key}">${f.header}</option>`)}
            </select>
            <button type="submit">记住并重新检查</button><span class="help">（以后 ${u.department} 报送的表格都按此处理）</span>
          </form>`,
      )}
      ${table.rows.length ? planTable(table, plan) : ""}
      ${
        clean
          ? html`<p class="ok" role="status">检查通过：共 ${plan.entries.length} 条，编号 ${plan.entries[0]?.id} 至 ${plan.entries.at(-1)?.id}。导入后需另一位审核人员批准才会写入名单。</p>
              <form method="post" action="/lists/submit">${hiddenCsrf(c)}${uploadFields(u)}<button type="submit">提交审核</button></form>`
          : html`<p role="alert" class="field-error">有问题的行未导入任何内容：请在表格中修改后<a href="/lists">重新上传</a>。</p>`
      }`,
    );
  };

  app.get("/lists", async (c) => {
    const lists = await loadLists(store.root, studio.asOf());
    const month = studio.asOf().slice(0, 7);
    const entries = lists.entries.slice(-200).reverse();
    return studioPage(
      c,
      "红黑榜导入与更正",
      html`<form method="post" action="/lists/check" enctype="multipart/form-data" class="edit">
          ${hiddenCsrf(c)}
          <div class="field">
            <label for="list">名单</label
            ><select id="list" name="list">
              <option value="black">黑榜（失信）</option>
              <option value="red">红榜（守信）</option>
            </select>
          </div>
          <div class="field">
            <label for="batch">批次</label>
            <p class="help" id="batch-help">报送月份，写作 YYYY-MM</p>
            <input id="batch" name="batch" value="${month}" aria-describedby="batch-help" />
          </div>
          <div class="field">
            <label for="department">报送单位</label>
            <p class="help" id="dep-help">如 市市场监管局；表头的对应关系按单位记住</p>
            <input id="department" name="department" required aria-describedby="dep-help" />
          </div>
          <div class="field drop" data-drop="sheet">
            <label for="sheet">表格文件</label>
            <p class="help" id="sheet-help">.xlsx 或 .csv，不超过 5 MB；可把文件拖到这里</p>
            <input id="sheet" name="sheet" type="file" accept=".xlsx,.csv" required aria-describedby="sheet-help" />
          </div>
          <button type="submit">上传并检查</button>
        </form>
        <p><a href="/lists/template.xlsx" download>下载标准表格模板（.xlsx）</a>：表头为标准列名，编号、信用代码、身份证号、文号和日期列已设为文本格式。</p>
        <h2>已列入的条目（最近 200 条）</h2>
        <ul class="items">
          ${entries.map((e) => html`<li><a href="/lists/entry/${e.list}/${e.id}">${entryLine(e)}</a></li>`)}
        </ul>`,
    );
  });

  app.get("/lists/template.xlsx", async (c) => {
    const text = new Set<FieldKey>(["id", "creditCode", "idNumber", "docNumber", "listedOn", "publicUntil", "removedOn"]);
    const columns = FIELDS.filter((f) => f.key !== "id");
    const header = columns.map((f) => ({ value: f.header + (REQUIRED_FIELDS.includes(f.key) ? "" : ""), type: String, fontWeight: "bold" as const }));
    const blank = Array.from({ length: 200 }, () => columns.map((f) => ({ value: null, type: String, ...(text.has(f.key) ? { format: "@" } : {}) })));
    const buffer = await writeXlsxFile([header, ...blank] as never, { columns: columns.map((f) => ({ width: Math.max(10, f.header.length * 2.2) })) } as never).toBuffer();
    return c.body(new Uint8Array(buffer), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="wenming-list-template.xlsx"`,
    });
  });

  app.post("/lists/check", async (c) => {
    const form = formOf(c);
    const file = form["sheet"];
    const ext = file instanceof File ? extname(file.name).toLowerCase() : "";
    const token = `${randomBytes(16).toString("hex")}${ext}`;
    const u = uploadOf({ ...form, token });
    if (typeof u === "string") {
      c.status(422);
      return studioPage(
        c,
        "红黑榜导入",
        html`<p role="alert" class="field-error">
            ${!(file instanceof File) || file.size === 0 ? "请选择要上传的表格文件" : ext !== ".csv" && ext !== ".xlsx" ? `不支持的文件类型“${ext || "（无扩展名）"}”：请上传 .xlsx 或 .csv 文件` : u}
          </p>
          <p><a href="/lists">返回</a></p>`,
      );
    }
    if (!(file instanceof File) || file.size > 5 * 1024 * 1024) return c.text("表格文件过大：上限 5 MB", 413);
    mkdirSync(uploads, { recursive: true, mode: 0o700 });
    await writeFile(join(uploads, token), Buffer.from(await file.arrayBuffer()));
    return checkPage(c, u);
  });

  app.post("/lists/map", async (c) => {
    const form = formOf(c);
    const u = uploadOf(form);
    if (typeof u === "string") return c.text(u, 422);
    const field = text(form, "field") as FieldKey;
    const header = text(form, "header").trim();
    if (!FIELDS.some((f) => f.key === field) || header.length === 0 || header.length > 40) return c.text("列的对应关系无效", 422);
    maps.set(u.department, header, field);
    return checkPage(c, u);
  });

  app.post("/lists/submit", async (c) => {
    const u = uploadOf(formOf(c));
    if (typeof u === "string") return c.text(u, 422);
    const table = await readListBytes(await readFile(join(uploads, u.token)), extname(u.token), maps.of(u.department));
    const plan = await planImport(store.root, table, u.list, u.batch, studio.asOf());
    if (plan.fileProblems.length || plan.rowProblems.length) return checkPage(c, u);
    const s = c.get("session");
    const change = studio.pending.add({
      author: s.name,
      summary: `${LIST_NAMES[u.list]}：导入 ${u.department} ${u.batch} 报送 ${plan.entries.length} 条`,
      files: { [plan.target]: Buffer.from(plan.csv).toString("base64") },
      base: await store.digests([plan.target]),
      ledger: plan.entries.map(entryKey),
    });
    return c.redirect(`/review/${change.id}`, 303);
  });

  app.get("/lists/entry/:list/:id", async (c) => {
    const lists = await loadLists(store.root, studio.asOf());
    const e = lists.entries.find((x) => x.list === c.req.param("list") && x.id === c.req.param("id"));
    if (!e) return c.notFound();
    // Its own corrections name its id; the import that listed it names its list and batch.
    const history = (await store.history(500)).filter((h) => h.message.includes(e.id) || (h.message.startsWith(`${LIST_NAMES[e.list]}：导入`) && h.message.includes(` ${e.batch} `)));
    const today = studio.asOf();
    return studioPage(
      c,
      `${LIST_NAMES[e.list]}条目 ${e.id}`,
      html`<dl class="entry">
          ${FIELDS.map((f) => {
            const v = f.key === "idNumber" ? e.idNumberMasked : e[f.key as keyof IntegrityEntry];
            return v
              ? html`<dt>${f.header}</dt>
                  <dd>${String(v)}</dd>`
              : "";
          })}
        </dl>
        <h2>信用修复、移出或更正</h2>
        <form method="post" action="/lists/entry/${e.list}/${e.id}" class="edit">
          ${hiddenCsrf(c)}
          <div class="field">
            <label for="action">操作</label
            ><select id="action" name="action">
              <option value="repair">信用修复</option>
              <option value="remove">移出</option>
              <option value="correct">更正</option>
            </select>
          </div>
          <div class="field"><label for="date">日期</label><input id="date" name="date" type="date" value="${today}" /></div>
          <div class="field"><label for="reason">事由</label><textarea id="reason" name="reason" rows="3"></textarea></div>
          <div class="field">
            <label for="doc">决定文书文号</label>
            <p class="help" id="doc-help">如 示市监信修〔2026〕3号</p>
            <input id="doc" name="doc" aria-describedby="doc-help" />
          </div>
          <fieldset>
            <legend>更正（仅“更正”时填写）</legend>
            <div class="field">
              <label for="field">更正的字段</label
              ><select id="field" name="field">
                ${FIELDS.filter((f) => !["id", "idNumber", "status"].includes(f.key)).map((f) => html`<option value="${f.key}">${f.header}</option>`)}
              </select>
            </div>
            <div class="field"><label for="value">更正后的内容</label><input id="value" name="value" /></div>
          </fieldset>
          <button type="submit">提交审核</button>
        </form>
        <h2>这一条目的修改记录</h2>
        ${
          history.length
            ? html`<ol class="history">
                ${history.map((h) => html`<li>${shanghaiMinute(h.date)} · ${h.author} · ${h.message}</li>`)}
              </ol>`
            : html`<p>暂无工作台记录。</p>`
        }`,
    );
  });

  app.post("/lists/entry/:list/:id", async (c) => {
    const form = formOf(c);
    const lists = await loadLists(store.root, studio.asOf());
    const e = lists.entries.find((x) => x.list === c.req.param("list") && x.id === c.req.param("id"));
    if (!e) return c.notFound();
    const where = lists.sources.get(entryKey(e));
    if (!where) return c.notFound();
    const rel = where.file.split("/").slice(1).join("/");
    const action = text(form, "action");
    const date = text(form, "date").trim();
    const reason = text(form, "reason").trim();
    const doc = text(form, "doc").trim();
    const problems: string[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push(`日期应写作 YYYY-MM-DD，收到“${date}”`);
    if (!reason) problems.push("请填写事由");
    if (!doc) problems.push("请填写决定文书文号");
    const csv = (await store.readText(rel)) ?? "";
    const records = parse(csv, { relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    const header = records[0]?.record ?? [];
    const record = records.find((r) => r.info.lines === where.row)?.record;
    const set = (key: FieldKey, value: string) => {
      const at = header.indexOf(headerOf(key));
      if (at < 0 || !record) problems.push(`名单文件缺少“${headerOf(key)}”列`);
      else record[at] = value;
    };
    let summary = "";
    if (action === "repair" || action === "remove") {
      set("status", action === "repair" ? "已信用修复" : "已移出");
      set("removedOn", date);
      set("removalReason", `${reason}（${doc}）`);
      summary = `${LIST_NAMES[e.list]}：${action === "repair" ? "信用修复" : "移出"} ${e.id} ${e.subjectName}（${doc}，${date}）`;
    } else if (action === "correct") {
      const field = text(form, "field") as FieldKey;
      if (!FIELDS.some((f) => f.key === field) || ["id", "idNumber", "status"].includes(field)) problems.push("请选择要更正的字段");
      else set(field, text(form, "value").trim());
      summary = `${LIST_NAMES[e.list]}：更正 ${e.id} ${e.subjectName} 的${headerOf(field)}（${reason}；${doc}，${date}）`;
    } else problems.push("请选择操作");
    const changes: Changes = new Map([
      [
        rel,
        Buffer.from(
          csvText(
            records.map((r) => r.record),
            { guardFormulas: false },
          ),
        ),
      ],
    ]);
    if (problems.length === 0) {
      problems.push(...(await store.newProblems(changes, studio.asOf())).fresh.map((p) => formatProblem(p)));
    }
    if (problems.length) {
      c.status(422);
      return studioPage(
        c,
        `${LIST_NAMES[e.list]}条目 ${e.id}`,
        html`<div class="problems" role="alert">
            <h2>未提交</h2>
            <ul>
              ${problems.map((p) => html`<li>${p}</li>`)}
            </ul>
          </div>
          <p><a href="/lists/entry/${e.list}/${e.id}">返回修改</a></p>`,
      );
    }
    const s = c.get("session");
    const change = studio.pending.add({ author: s.name, summary, files: { [rel]: changes.get(rel)?.toString("base64") ?? null }, base: await store.digests([rel]), ledger: [] });
    return c.redirect(`/review/${change.id}`, 303);
  });

  const changesOf = (p: PendingChange): Changes => new Map(Object.entries(p.files).map(([rel, b64]) => [rel, b64 === null ? null : Buffer.from(b64, "base64")]));

  app.get("/review", (c) => {
    const list = studio.pending.list();
    return studioPage(
      c,
      "待审核的红黑榜修改",
      list.length
        ? html`<ul class="items">
            ${list.map((p) => html`<li><a href="/review/${p.id}">${p.summary}</a>（${p.author} 提交于 ${shanghaiMinute(p.created)}）</li>`)}
          </ul>`
        : html`<p>没有等待审核的修改。</p>`,
      c.req.query("done") ? String(c.req.query("done")) : undefined,
    );
  });

  app.get("/review/:id", async (c) => {
    const p = studio.pending.get(c.req.param("id"));
    if (!p) return c.notFound();
    const before = await store.check(new Map(), studio.asOf());
    const after = await store.check(changesOf(p), studio.asOf());
    const diff = entryDiff(before.content?.integrity ?? [], after.content?.integrity ?? []);
    const s = c.get("session");
    const own = p.author === s.name;
    return studioPage(
      c,
      `审核：${p.summary}`,
      html`<p>${p.author} 提交于 ${shanghaiMinute(p.created)}。批准后网站上的名单将发生以下变化（按今天 ${studio.asOf()} 计）：</p>
        ${
          after.problems.length
            ? html`<div class="problems" role="alert">
                <h2>内容检查未通过，不能批准</h2>
                <ul>
                  ${after.problems.map((x) => html`<li>${formatProblem(x)}</li>`)}
                </ul>
              </div>`
            : ""
        }
        <h2>新增显示 ${diff.added.length} 条</h2>
        <ul class="diff added">
          ${diff.added.map((e) => html`<li>${entryLine(e)}</li>`)}
        </ul>
        <h2>内容变化 ${diff.changed.length} 条</h2>
        <ul class="diff changed">
          ${diff.changed.map(
            (x) =>
              html`<li>
                ${entryLine(x.entry)}
                <ul>
                  ${x.fields.map(([f, a, b]) => html`<li>${f}：<del>${a || "（空）"}</del> → <ins>${b || "（空）"}</ins></li>`)}
                </ul>
              </li>`,
          )}
        </ul>
        <h2>不再显示 ${diff.removed.length} 条</h2>
        <ul class="diff removed">
          ${diff.removed.map((e) => html`<li>${entryLine(e)}</li>`)}
        </ul>
        ${
          own
            ? html`<p class="note" role="status">这是您本人提交的修改，需要另一位审核人员批准。</p>`
            : html`<form method="post" action="/review/${p.id}/approve" class="inline">${hiddenCsrf(c)}<button type="submit">批准</button></form>`
        }
        <form method="post" action="/review/${p.id}/reject" class="inline">${hiddenCsrf(c)}<button type="submit" class="secondary">${own ? "撤回" : "退回"}</button></form>`,
    );
  });

  app.post("/review/:id/approve", async (c) => {
    const denied = allowed(c, "approve");
    if (denied) return denied;
    const p = studio.pending.get(c.req.param("id"));
    if (!p) return c.notFound();
    const s = c.get("session");
    if (p.author === s.name) {
      c.status(403);
      return studioPage(c, "不能批准", html`<p role="alert">不能批准自己提交的修改：红黑榜的每项修改都需要另一位审核人员批准。</p>`);
    }
    const changes = changesOf(p);
    const result = await store.save(changes, `${p.summary}（${p.author} 录入，${s.name} 审核）`, { name: s.name }, studio.asOf(), p.base);
    if (!result.ok) {
      c.status(409);
      return studioPage(
        c,
        "未能批准",
        html`<div class="problems" role="alert">
          <ul>
            ${result.problems.map((x) => html`<li>${formatProblem(x)}</li>`)}
          </ul>
        </div>`,
      );
    }
    // New ids go into the ledger once their rows are in, as lists:import does (ledger.ts).
    if (p.ledger.length) {
      await store.serial(async () => {
        if (recordPublished(store.root, p.ledger) > 0) await store.commit([LEDGER_FILE], `红黑榜：登记 ${p.ledger.length} 个条目编号（${s.name}）`, { name: s.name });
      });
    }
    studio.pending.remove(p.id);
    return c.redirect(`/review?done=${encodeURIComponent(`已批准：${p.summary}`)}`, 303);
  });

  app.post("/review/:id/reject", (c) => {
    const p = studio.pending.get(c.req.param("id"));
    if (!p) return c.notFound();
    const s = c.get("session");
    if (p.author !== s.name) {
      const denied = allowed(c, "approve");
      if (denied) return denied;
    }
    studio.pending.remove(p.id);
    return c.redirect(`/review?done=${encodeURIComponent(`已${p.author === s.name ? "撤回" : "退回"}：${p.summary}`)}`, 303);
  });
}
