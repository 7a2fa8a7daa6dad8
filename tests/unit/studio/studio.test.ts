import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byField, fields, formToData, jsonSchemaOf, usesPicker } from "../../../src/studio/forms.ts";
import { escapeHtml, html, raw } from "../../../src/studio/html.ts";
import { deletable, findKind, itemChanges, KINDS, listItems, readItem, removalChanges } from "../../../src/studio/kinds.ts";
import { entryDiff } from "../../../src/studio/route-lists.ts";
import { focusOf, portraitCrop } from "../../../src/studio/uploads.ts";
import { heldBy, LoginLimiter, Sessions, IDLE_MINUTES, MAX_HOURS } from "../../../src/studio/sessions.ts";
import { ContentStore, PathError, safeRelative } from "../../../src/studio/store.ts";
import { Accounts, can } from "../../../src/studio/users.ts";
import { goodPersonSchema } from "../../../src/schemas/good-people.ts";
import { conventionSchema } from "../../../src/schemas/convention.ts";
import { etiquetteSchema } from "../../../src/schemas/etiquette.ts";
import type { IntegrityEntry } from "../../../src/schemas/integrity.ts";

describe("forms come from the schemas", () => {
  it.each(KINDS.map((k) => [k.key, k]))("%s: every field has a Chinese label from its schema", (_key, k) => {
    const walk = (s: typeof k.schema, path: string): string[] =>
      Object.entries(s.properties ?? {}).flatMap(([name, p]) => [
        ...(p.title && /\p{Script=Han}/u.test(p.title) ? [] : [`${path}${name}`]),
        ...(p.type === "object" ? walk(p, `${path}${name}.`) : []),
        ...(p.items?.type === "object" ? walk(p.items, `${path}${name}.`) : []),
      ]);
    expect(walk(k.schema, "")).toEqual([]);
  });

  it("a limit, a choice and a requirement in the schema reach the form", () => {
    const form = fields(jsonSchemaOf(goodPersonSchema), { name: "张三", gender: "男" }, new Map()).text;
    expect(form).toContain("不超过 20 个字");
    expect(form).toContain('<option value="女" >女</option>');
    expect(form).toMatch(/for="f-name">姓名<span class="req"/);
    expect(form).toMatch(/for="f-photo">照片<\/label>/);
    expect(form).toContain('type="date"');
  });

  it.each([
    ["ads", ["image", "partnerLogo"]],
    ["site", ["logo"]],
    ["news", []],
    ["people", []],
  ])("%s: the picture fields offer the image library's pictures, and only they", (key, picked) => {
    const k = findKind(key);
    if (!k) throw new Error(`kind ${key} missing`);
    const form = fields(k.schema, {}, new Map()).text;
    expect([...form.matchAll(/name="([^"]+)"[^>]*list="picker-images"/g)].map((m) => m[1])).toEqual(picked);
    expect(usesPicker(k.schema, "images")).toBe(picked.length > 0);
  });

  it("a problem is shown beside its field, and marks it invalid", () => {
    const form = fields(jsonSchemaOf(goodPersonSchema), {}, byField([{ field: "summary", message: "过长：80 个字，上限 70 个字" }])).text;
    expect(form).toMatch(/id="f-summary"[^>]*aria-describedby="f-summary-help f-summary-error" aria-invalid="true"/);
    expect(form).toMatch(/<ul class="field-error" id="f-summary-error">\s*<li>过长：80 个字，上限 70 个字<\/li>/);
  });

  const person = jsonSchemaOf(goodPersonSchema);
  it.each([
    ["text is trimmed", { name: "  张三 " }, { name: "张三" }],
    ["an empty optional field is left out", { name: "张三", photo: "", withdrawn: "" }, { name: "张三" }],
    ["an empty required field stays, for the loader to name", { name: "" }, { name: "" }],
    ["a list is one item per line, blank lines dropped", { honours: "市级好人\n\n 区级好人 \r\n" }, { honours: ["市级好人", "区级好人"] }],
    ["an empty optional list is left out", { honours: "\n" }, {}],
  ])("%s", (_what, form, data) => {
    expect(formToData(person, form as Record<string, string>)).toEqual(data);
  });

  it("nested objects and lists of objects round-trip, emptied rows dropped", () => {
    const guide = jsonSchemaOf(etiquetteSchema);
    const data = formToData(guide, {
      "relatedArticles.0.convention": "shimin-gongyue",
      "relatedArticles.0.article": "3",
      "relatedArticles.1.convention": "",
      "relatedArticles.1.article": "",
      "relatedArticles.2.convention": "x",
      "relatedArticles.2.article": "三",
    });
    expect(data["relatedArticles"]).toEqual([
      { convention: "shimin-gongyue", article: 3 },
      { convention: "x", article: "三" },
    ]);
    const convention = jsonSchemaOf(conventionSchema);
    expect(formToData(convention, { articles: "" })["articles"]).toEqual([]);
  });

  it("a notice's attachments are added by uploading: their file is shown, not typed, and a row is removed by its box", () => {
    const news = findKind("news");
    if (!news) throw new Error("kind news missing");
    const attachments = [
      { title: "报名表", file: "files/baoming.docx" },
      { title: "通知", file: "files/tongzhi.pdf" },
    ];
    const form = fields(news.schema, { attachments }, new Map()).text;
    // Each stored attachment's file is read-only; there are no empty rows to type a path into.
    expect([...form.matchAll(/<input[^>]*name="(attachments\.\d+\.(?:file|title))"[^>]*>/g)].map((m) => [m[1], /\sreadonly\b/.test(m[0])])).toEqual([
      ["attachments.0.title", false],
      ["attachments.0.file", true],
      ["attachments.1.title", false],
      ["attachments.1.file", true],
    ]);
    expect(form).not.toContain("（新增）");
    expect(form).not.toContain("暂无。上传的文件保存后列在这里");
    expect(fields(news.schema, {}, new Map()).text).toContain("暂无。上传的文件保存后列在这里");
    expect([...form.matchAll(/name="(attachments\.\d+\.__remove)"/g)].map((m) => m[1])).toEqual(["attachments.0.__remove", "attachments.1.__remove"]);
    // Lists typed by hand keep their empty rows and have no removal box (a row is emptied instead).
    const guide = fields(jsonSchemaOf(etiquetteSchema), {}, new Map()).text;
    expect(guide).toContain("（新增）");
    expect(guide).not.toContain("__remove");

    const sent = { "attachments.0.title": "报名表", "attachments.0.file": "files/baoming.docx", "attachments.1.title": "通知", "attachments.1.file": "files/tongzhi.pdf" };
    const cases: [string, Record<string, string>, typeof attachments][] = [
      ["none removed", {}, attachments],
      ["the first removed", { "attachments.0.__remove": "1" }, [attachments[1]!]],
      ["the last removed", { "attachments.1.__remove": "1" }, [attachments[0]!]],
    ];
    for (const [what, boxes, kept] of cases) expect(formToData(news.schema, { ...sent, ...boxes })["attachments"] ?? [], what).toEqual(kept);
    expect(formToData(news.schema, { ...sent, "attachments.0.__remove": "1", "attachments.1.__remove": "1" })["attachments"]).toBeUndefined();
  });
});

describe("html escapes everything it is given", () => {
  it.each(["<script>alert(1)</script>", '" onmouseover="x', "' autofocus '", "&lt;"])("%s", (value) => {
    const out = html`<input value="${value}" />
      <p>${value}</p>`.text;
    expect(out).not.toContain(value.startsWith("&") ? "&lt;<" : value);
    expect(out).toContain(escapeHtml(value));
  });
  it("markup passes through only when marked", () => {
    expect(html`${raw("<b>x</b>")}${"<b>y</b>"}`.text).toBe("<b>x</b>&lt;b&gt;y&lt;/b&gt;");
  });
});

describe("paths from requests", () => {
  it.each(["good-people/people/zhang-san.md", "site.yaml", "integrity/black/2026-11.csv"])("%s is accepted", (p) => expect(safeRelative(p)).toBe(p));
  it.each(["../site.yaml", "a/../../b", "a/./b", "/etc/passwd", "..%2fsite.yaml", "%2e%2e/site.yaml", "%252e%252e%252fsite.yaml", "a\\..\\b", "a//b", "a/\u0000b", "", "a/"])("%s is refused", (p) => {
    expect(() => safeRelative(p)).toThrow(PathError);
  });
});

describe("accounts", () => {
  it("a password is stored only as a salted slow hash, and verified", async () => {
    const accounts = new Accounts(mkdtempSync(join(tmpdir(), "wenming-accounts-")));
    await accounts.add("张三", "编辑", "long-enough-password");
    await accounts.add("李四", "审核", "long-enough-password");
    const [a, b] = accounts.list();
    expect(JSON.stringify(accounts.list())).not.toContain("long-enough-password");
    expect(a?.hash).not.toBe(b?.hash);
    expect(a?.N).toBeGreaterThanOrEqual(2 ** 15);
    expect((await accounts.verify("张三", "long-enough-password"))?.role).toBe("编辑");
    expect(await accounts.verify("张三", "long-enough-passwore")).toBeUndefined();
    expect(await accounts.verify("无此人", "long-enough-password")).toBeUndefined();
    await expect(accounts.add("王五", "编辑", "short")).rejects.toThrow("密码太短");
    await expect(accounts.add("../x", "编辑", "long-enough-password")).rejects.toThrow("不可用");
  });

  it("a role and a password are changed in place; the old password no longer opens the account", async () => {
    const accounts = new Accounts(mkdtempSync(join(tmpdir(), "wenming-accounts-")));
    await accounts.add("张三", "编辑", "first-password-1");
    await accounts.add("李四", "审核", "lisi-password-2");
    accounts.setRole("张三", "审核");
    await accounts.setPassword("张三", "second-password-2");
    expect(await accounts.verify("张三", "first-password-1")).toBeUndefined();
    expect((await accounts.verify("张三", "second-password-2"))?.role).toBe("审核");
    expect((await accounts.verify("李四", "lisi-password-2"))?.role).toBe("审核");
    expect(accounts.list().map((a) => a.name)).toEqual(["张三", "李四"]);
    await expect(accounts.setPassword("张三", "short")).rejects.toThrow("密码太短");
    await expect(accounts.setPassword("无此人", "long-enough-password")).rejects.toThrow("账号“无此人”不存在");
    expect(() => accounts.setRole("无此人", "编辑")).toThrow("账号“无此人”不存在");
    expect(() => accounts.setRole("张三", "超级用户" as never)).toThrow("角色“超级用户”不存在");
    expect((await accounts.verify("张三", "second-password-2"))?.role).toBe("审核");
  });

  it.each([
    ["编辑", "edit", true],
    ["编辑", "approve", false],
    ["编辑", "publish", false],
    ["编辑", "settings", false],
    ["审核", "approve", true],
    ["审核", "publish", true],
    ["审核", "settings", false],
    ["管理员", "settings", true],
  ] as const)("%s may %s: %s", (role, permission, allowed) => expect(can(role, permission)).toBe(allowed));
});

describe("sessions and login limits", () => {
  it("a session ends after idle time and after its maximum age, however active", () => {
    let now = 0;
    const sessions = new Sessions(() => now);
    const idle = sessions.create({ name: "张三", role: "编辑", hash: "h1" });
    now += (IDLE_MINUTES + 1) * 60_000;
    expect(sessions.get(idle.id)).toBeUndefined();
    const busy = sessions.create({ name: "张三", role: "编辑", hash: "h1" });
    for (let t = 0; t < MAX_HOURS * 60; t += 10) {
      now += 10 * 60_000;
      if (t + 10 < MAX_HOURS * 60) expect(sessions.get(busy.id)).toBeDefined();
    }
    now += 60_000;
    expect(sessions.get(busy.id)).toBeUndefined();
    expect(sessions.get("forged")).toBeUndefined();
  });

  it("a session lasts while its account is as it was at sign-in, and ends with any change to it", () => {
    const account = { name: "张三", role: "编辑", hash: "h1" } as const;
    const session = new Sessions().create(account);
    const cases: [string, Parameters<typeof heldBy>[1], boolean][] = [
      ["unchanged", account, true],
      ["unchanged, read again from the file", { ...account }, true],
      ["removed", undefined, false],
      ["given another role", { ...account, role: "审核" }, false],
      ["given a new password", { ...account, hash: "h2" }, false],
      ["another account's", { ...account, name: "李四" }, false],
    ];
    for (const [what, now, held] of cases) expect(heldBy(session, now), what).toBe(held);
  });

  it("failures beyond the limit block until the window has passed; success clears them", () => {
    let now = 0;
    const limiter = new LoginLimiter(3, 10 * 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.fail("张三");
    expect(limiter.blockedFor("张三")).toBe(10);
    expect(limiter.blockedFor("李四")).toBe(0);
    now += 10 * 60_000;
    expect(limiter.blockedFor("张三")).toBe(0);
    limiter.fail("张三");
    limiter.succeed("张三");
    expect(limiter.blockedFor("张三")).toBe(0);
  });
});

describe("what a reviewer sees: entries, not files", () => {
  const entry = (id: string, extra: Partial<IntegrityEntry> = {}): IntegrityEntry => ({
    id,
    list: "black",
    batch: "2026-11",
    subjectName: `主体${id}`,
    subjectType: "法人",
    reason: "事由",
    basis: "依据",
    authority: "部门",
    docNumber: `示罚〔2026〕${id}号`,
    listedOn: "2026-11-01",
    publicUntil: "2027-11-01",
    status: "公示中",
    ...extra,
  });
  it("added, changed (field by field) and no longer shown", () => {
    const diff = entryDiff([entry("1"), entry("2"), entry("3")], [entry("1"), entry("2", { status: "已信用修复", removedOn: "2026-11-30" }), entry("4")]);
    expect(diff.added.map((e) => e.id)).toEqual(["4"]);
    expect(diff.removed.map((e) => e.id)).toEqual(["3"]);
    expect(diff.changed.map((c) => [c.entry.id, c.fields])).toEqual([
      [
        "2",
        [
          ["状态", "公示中", "已信用修复"],
          ["移出日期", "", "2026-11-30"],
        ],
      ],
    ]);
  });
});

describe("photos are cropped to the site's 4:5 around the chosen point", () => {
  it.each([
    ["wide, centred", 1600, 800, { x: 0.5, y: 0.5 }, { left: 480, top: 0, width: 640, height: 800 }],
    ["wide, focus far right: stops at the edge", 1600, 800, { x: 1, y: 0.5 }, { left: 960, top: 0, width: 640, height: 800 }],
    ["wide, focus far left", 1600, 800, { x: 0, y: 0.5 }, { left: 0, top: 0, width: 640, height: 800 }],
    ["tall, face near the top", 600, 1500, { x: 0.5, y: 0.2 }, { left: 0, top: 0, width: 600, height: 750 }],
    ["tall, focus low", 600, 1500, { x: 0.5, y: 0.7 }, { left: 0, top: 675, width: 600, height: 750 }],
    ["already 4:5", 800, 1000, { x: 0.9, y: 0.1 }, { left: 0, top: 0, width: 800, height: 1000 }],
  ])("%s", (_what, w, h, focus, box) => expect(portraitCrop(w, h, focus)).toEqual(box));

  it.each([
    ["50", "50", { x: 0.5, y: 0.5 }],
    ["0", "100", { x: 0, y: 1 }],
    ["-20", "140", { x: 0, y: 1 }],
    ["", "abc", { x: 0.5, y: 0.5 }],
  ])("focus %s, %s", (x, y, focus) => expect(focusOf(x, y)).toEqual(focus));
});

describe("the newer kinds are editable like the others", () => {
  it.each([
    ["news", "2026-11-laji-fenlei-dudao", "title", "垃圾分类督导员走进 62 个老旧小区"],
    ["volunteer", "2026-12-dujulaoren-tanfang", "start", "2026-12-12 09:30"],
    ["quiz", "fenlei-dianchi", "explanation", "废电池、过期药品和废灯管都属于有害垃圾。"],
    ["handbook", "handbook", "edition", "2027 年版"],
  ])("%s: an item read, changed in one field and saved passes the build's checks and reaches the file", async (key, id, field, value) => {
    const root = join(mkdtempSync(join(tmpdir(), "studio-kinds-")), "content");
    cpSync("content", root, { recursive: true });
    const store = new ContentStore(root);
    const k = findKind(key);
    if (!k) throw new Error(`kind ${key} missing`);
    const item = await readItem(store, k, id);
    expect(item, `${key}/${id}`).toBeDefined();
    const changes = await itemChanges(store, k, id, { ...item?.data, [field]: value }, item?.body);
    const { fresh } = await store.newProblems(changes, "2026-11-22");
    expect(fresh).toEqual([]);
    await store.write(changes);
    const again = await readItem(store, k, id);
    expect(again?.data[field]).toBe(value);
    if (item?.body !== undefined) expect(again?.body).toBe(item.body);
  });
});

describe("deleting an item removes exactly that item", () => {
  it("deletable kinds: everything but good people (withdrawn instead) and settings files", () => {
    expect(KINDS.filter(deletable).map((k) => k.key)).toEqual(["batches", "conventions", "guides", "ads", "news", "volunteer", "quiz"]);
  });

  it.each([
    ["news", "2026-11-laji-fenlei-dudao"],
    ["volunteer", "2026-12-dujulaoren-tanfang"],
    ["quiz", "fenlei-dianchi"],
  ])("%s %s: gone, every other item as it was, and the content still passes the build's checks", async (key, id) => {
    const root = join(mkdtempSync(join(tmpdir(), "studio-delete-")), "content");
    cpSync("content", root, { recursive: true });
    const store = new ContentStore(root);
    const k = findKind(key);
    if (!k) throw new Error(`kind ${key} missing`);
    const before = (await listItems(store, k)).filter((i) => i.id !== id);
    const changes = await removalChanges(store, k, id);
    const { fresh } = await store.newProblems(changes, "2026-11-22");
    expect(fresh).toEqual([]);
    await store.write(changes);
    expect(await readItem(store, k, id)).toBeUndefined();
    expect(await listItems(store, k)).toEqual(before);
  });
});
