/**
 * The workbench attacked from outside, over HTTP: every route refuses
 * anonymous requests; state changes need the session's CSRF token; roles
 * are enforced by the server; the 预览 date is only ever a date; paths
 * cannot leave the content folder, nor can an uploaded file's name (notices'
 * attachments, the image library's pictures);
 * oversized and disguised uploads are refused; accounts are managed by
 * 管理员 only, and a changed account is signed out at once; headers are strict; failed
 * logins are limited.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, STUDIO } from "./setup.ts";
import { photo } from "./helpers.ts";
import { bombPdf, FULL_ID, MOBILE, pdf as makePdf, xlsx } from "../fixtures/documents.ts";

const BASE = `http://127.0.0.1:${STUDIO.port}`;

/** Every route the workbench has, with a method and a sample path. */
const ROUTES: [string, string][] = [
  ["GET", "/"],
  ["GET", "/edit/people"],
  ["GET", "/edit/people/chen-youfu"],
  ["POST", "/edit/people/chen-youfu"],
  ["GET", "/edit/people/new"],
  ["POST", "/edit/people/new"],
  ["POST", "/edit/news/new"],
  ["GET", "/images"],
  ["GET", "/images/file/qingming.svg"],
  ["POST", "/images"],
  ["GET", "/delete/news/2026-11-lidao-gonggao"],
  ["POST", "/delete/news/2026-11-lidao-gonggao"],
  ["GET", "/edit/site/site"],
  ["POST", "/edit/site/site"],
  ["POST", "/api/markdown"],
  ["GET", "/lists"],
  ["GET", "/lists/template.xlsx"],
  ["POST", "/lists/check"],
  ["POST", "/lists/map"],
  ["POST", "/lists/submit"],
  ["GET", "/lists/entry/black/2026-11-001"],
  ["POST", "/lists/entry/black/2026-11-001"],
  ["GET", "/review"],
  ["GET", "/review/0123456789abcdef"],
  ["POST", "/review/0123456789abcdef/approve"],
  ["POST", "/review/0123456789abcdef/reject"],
  ["GET", "/posters"],
  ["GET", "/api/poster.png?slogan=x&theme=控烟&size=phone"],
  ["GET", "/posters/file?slogan=x&theme=控烟&size=phone&format=png"],
  ["POST", "/posters/save"],
  ["GET", "/preview"],
  ["POST", "/preview"],
  ["GET", "/publish"],
  ["POST", "/publish"],
  ["GET", "/api/job"],
  ["GET", "/history"],
  ["POST", `/history/${"0".repeat(40)}/undo`],
  ["GET", "/accounts"],
  ["POST", "/accounts"],
  ["POST", "/accounts/张三/role"],
  ["POST", "/accounts/张三/password"],
  ["POST", "/accounts/张三/remove"],
  ["POST", "/logout"],
];

async function session(request: APIRequestContext, name: string): Promise<string> {
  const account = ACCOUNTS.find((a) => a.name === name);
  const login = await request.get("/login");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
  const res = await request.post("/login", { form: { csrf, username: name, password: account?.password ?? "" }, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  const home = await request.get("/");
  return /name="csrf-token" content="([^"]+)"/.exec(await home.text())?.[1] ?? "";
}

test("anonymous requests to every route are refused, and reveal nothing", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: BASE });
  for (const [method, path] of ROUTES) {
    const res = await request.fetch(path, method === "POST" ? { method, maxRedirects: 0, form: { csrf: "x" } } : { method, maxRedirects: 0 });
    if (method === "GET" && !path.startsWith("/api/")) {
      expect(res.status(), `${method} ${path}`).toBe(303);
      expect(res.headers()["location"]).toMatch(/^\/login/);
    } else expect(res.status(), `${method} ${path}`).toBe(401);
    expect(await res.text()).not.toMatch(/陈有福|示例市|slogan/);
  }
  // The preview site too.
  const preview = await request.get(`http://127.0.0.1:${STUDIO.port + 1}/`);
  expect(preview.status()).toBe(401);
  await request.dispose();
});

test("every response carries strict headers", async ({ request }) => {
  await session(request, "张三");
  for (const path of ["/login", "/", "/edit/people", "/studio.js", "/api/job"]) {
    const h = (await request.get(path)).headers();
    expect(h["content-security-policy"], path).toContain("script-src 'self';");
    expect(h["content-security-policy"]).not.toContain("unsafe-inline'; img");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
  }
  const login = await request.get("/login");
  expect(login.headers()["set-cookie"] ?? "").toMatch(/HttpOnly/);
});

test("a state change without the session's CSRF token is refused, whatever the route", async ({ request }) => {
  const csrf = await session(request, "王五");
  for (const [method, path] of ROUTES.filter(([m]) => m === "POST")) {
    for (const sent of [undefined, "", "forged-token", `${csrf}x`]) {
      const res = await request.fetch(path, { method, maxRedirects: 0, form: sent === undefined ? { a: "1" } : { csrf: sent } });
      expect(res.status(), `${path} with ${String(sent)}`).toBe(403);
    }
  }
  // The login form needs its own token too.
  const res = await request.post("/login", { form: { username: "王五", password: "x" } });
  expect(res.status()).toBe(403);
});

test("roles are enforced by the server: an editor cannot change settings, approve or publish", async ({ request }) => {
  const csrf = await session(request, "张三");
  expect((await request.get("/edit/site/site")).status()).toBe(403);
  expect((await request.post("/edit/site/site", { form: { csrf, city: "别的市" } })).status()).toBe(403);
  expect((await request.post("/publish", { form: { csrf } })).status()).toBe(403);
  expect((await request.post("/review/0123456789abcdef/approve", { form: { csrf } })).status()).toBe(403);
});

test("the 预览 date reaches the build process only as a date: anything else is refused and starts nothing", async ({ request }) => {
  const csrf = await session(request, "张三");
  for (const asOf of ["2026-13-40", "2026-02-30", "2026-11-22\nWENMING_OUT=/tmp/x", "2026-11-22; rm -rf /", "../../etc/passwd", "20261122", "x".repeat(5000)]) {
    const res = await request.post("/preview", { form: { csrf, asOf }, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(asOf.slice(0, 40))).toBe(422);
    expect(await res.text()).toContain("日期应写作 YYYY-MM-DD");
  }
  expect(((await (await request.get("/api/job")).json()) as { state: string }).state).toBe("idle");
});

test("paths cannot leave the content folder, however they are written", async ({ request }) => {
  const csrf = await session(request, "王五");
  const ids = ["../site", "..%2f..%2fetc%2fpasswd", "%2e%2e%2fsite", "%252e%252e%252fsite", "..\\site", "/etc/passwd", "a/../../b", "chen-youfu%00", "CON", "ＡＢ"];
  for (const id of ids) {
    for (const kind of ["people", "guides", "ads", "conventions"]) {
      // A literal ../ or ..\ is resolved by the client before sending (it names another route); encoded forms reach the server.
      if (!/\.\.[/\\]/.test(id)) {
        const get = await request.get(`/edit/${kind}/${id}`);
        expect([404, 400], `GET ${kind}/${id}`).toContain(get.status());
      }
      const post = await request.post(`/edit/${kind}/new`, { form: { csrf, __id: id, name: "某" } });
      expect(post.status(), `new ${kind} ${id}`).toBe(422);
      expect(await post.text()).toContain("不可用");
    }
  }
  for (const path of ["/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/users.json", "/../data/users.json"]) {
    const res = await request.get(`http://127.0.0.1:${STUDIO.port + 1}${path}`);
    expect(res.status(), path).toBe(404);
  }
});

test("the poster studio's picture fields cannot name a file outside content/images/, nor a disguised one", async ({ request }) => {
  const csrf = await session(request, "张三");
  const base = "/api/poster.png?slogan=x&theme=控烟&template=photo&size=phone&image=";
  const tricks = [
    "../users.json",
    "images/../../data/users.json",
    "/etc/passwd",
    "images/%2e%2e/%2e%2e/package.json",
    "https://example.com/a.png",
    "images\\..\\site.yaml",
    "site.yaml",
    "images/qingming.svg%00.png",
  ];
  for (const path of tricks) {
    const res = await request.get(base + encodeURIComponent(path));
    expect(res.status(), path).toBe(422);
    // Nothing from the named file comes back: only the reason.
    expect(await res.text(), path).not.toMatch(/password|"hash"|\{/);
  }
  // A file in images/ that is not a picture is refused by its content, not its name.
  const fake = await request.get(`${base}${encodeURIComponent("images/missing.png")}`);
  expect(fake.status()).toBe(422);
  expect(await fake.text()).toContain("找不到图片文件");
  // Saving with a trick path is refused by the same checks, and nothing is written.
  const save = await request.post("/posters/save", { form: { csrf, id: "trick-poster", slogan: "x", theme: "控烟", template: "photo", image: "../users.json" } });
  expect(save.status()).toBe(422);
  expect((await request.get("/edit/ads/trick-poster")).status()).toBe(404);
  // And the real picture draws.
  const ok = await request.get(base + encodeURIComponent("images/qingming.svg"));
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toBe("image/png");
});

test("deleting is for items of the kinds that may be deleted, by id as listed: never a good person, settings, or a path", async ({ request }) => {
  const csrf = await session(request, "张三");
  for (const path of [
    "/delete/people/chen-youfu",
    "/delete/site/site",
    "/delete/handbook/handbook",
    "/delete/news/..%2fsite",
    "/delete/news/%2e%2e%2fsite",
    "/delete/news/no-such-item",
    "/delete/unknown/x",
  ]) {
    expect((await request.get(path)).status(), `GET ${path}`).toBe(404);
    expect((await request.post(path, { form: { csrf }, maxRedirects: 0 })).status(), `POST ${path}`).toBe(404);
  }
  expect(existsSync(join(STUDIO.content, "good-people/people/chen-youfu.md"))).toBe(true);
  expect(existsSync(join(STUDIO.content, "site.yaml"))).toBe(true);

  // A notice edited by hand to name files outside its folders: deleting it removes the notice, nothing it names.
  writeFileSync(
    join(STUDIO.content, "news/2026-12-shougong.md"),
    "---\ntitle: 手工编辑的通知\ndate: 2026-11-30\ncategory: 通知公告\nsummary: 某\ncover: ../../site.yaml\nattachments:\n  - title: 设置\n    file: ../handbook.yaml\n---\n\n正文\n",
  );
  execFileSync("git", ["-C", STUDIO.content, "add", "news/2026-12-shougong.md"]);
  execFileSync("git", ["-C", STUDIO.content, "-c", "user.name=测试", "-c", "user.email=t@example.invalid", "commit", "-qm", "手工编辑"]);
  const confirm = await request.get("/delete/news/2026-12-shougong");
  expect(confirm.status()).toBe(200);
  expect(await confirm.text()).not.toContain("site.yaml");
  expect((await request.post("/delete/news/2026-12-shougong", { form: { csrf }, maxRedirects: 0 })).status()).toBe(303);
  for (const rel of ["news/2026-12-shougong.md", "site.yaml", "handbook.yaml"]) expect(existsSync(join(STUDIO.content, rel)), rel).toBe(rel !== "news/2026-12-shougong.md");
});

test("a new item cannot take an existing id and overwrite it", async ({ request }) => {
  const csrf = await session(request, "张三");
  for (const [kind, form] of [
    ["people", { __id: "chen-youfu", name: "某人" }],
    ["ads", { __id: "chengxin", slogan: "某" }],
    ["conventions", { __id: "shimin-gongyue", title: "某" }],
    ["batches", { id: "2026-2", title: "某批", status: "已发布", published: "2026-07-10" }],
  ] as const) {
    const res = await request.post(`/edit/${kind}/new`, { form: { csrf, ...form } });
    expect(res.status(), kind).toBe(422);
    expect(await res.text()).toContain("已被使用");
  }
});

test("oversized and disguised uploads are refused by their content and size", async ({ request }) => {
  const csrf = await session(request, "张三");
  const person = {
    csrf,
    name: "陈有福",
    gender: "男",
    region: "清河镇",
    category: "诚实守信",
    level: "区",
    batch: "2026-2",
    summary: "陈有福在生意失败后用八年时间还清六十多万元欠款。",
    __body: "正文",
  };
  const upload = (name: string, mimeType: string, buffer: Buffer) => request.post("/edit/people/chen-youfu", { multipart: { ...person, photoFile: { name, mimeType, buffer } } });
  const script = await upload("photo.jpg", "image/jpeg", Buffer.from("<script>alert(1)</script>"));
  expect(script.status()).toBe(422);
  expect(await script.text()).toContain("无法识别的图片");
  const svg = await upload("photo.jpg", "image/jpeg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
  expect(svg.status()).toBe(422);
  const tiny = await upload("tiny.jpg", "image/jpeg", await photo(100, 80));
  expect(await tiny.text()).toContain("照片太小");
  const big = await upload("big.jpg", "image/jpeg", Buffer.alloc(13 * 1024 * 1024, 1));
  expect(big.status()).toBe(413);
  const sheet = (name: string, buffer: Buffer) =>
    request.post("/lists/check", { multipart: { csrf, list: "black", batch: "2026-12", department: "某局", sheet: { name, mimeType: "application/octet-stream", buffer } } });
  const fakeXlsx = await sheet("名单.xlsx", Buffer.from("主体名称,主体类型\n某,法人\n"));
  expect(fakeXlsx.status()).toBe(422);
  expect(await fakeXlsx.text()).toContain("不是 Excel 表格");
  const exe = await sheet("名单.exe", Buffer.from("MZ"));
  expect(await exe.text()).toContain("不支持的文件类型");
  expect((await sheet("名单.csv", Buffer.alloc(7 * 1024 * 1024, 65))).status()).toBe(413);
  const markdown = await request.post("/api/markdown", { headers: { "x-csrf-token": csrf, "content-type": "text/plain" }, data: '<script>alert(1)</script><img src=x onerror="alert(1)">段落' });
  expect(await markdown.text()).not.toMatch(/<script|onerror/);
});

test("a notice's uploads: a file name from the client never places a file outside news/files/, and every limit holds", async ({ request, playwright }) => {
  const csrf = await session(request, "张三");
  // Real PDFs, each different (the store keeps one file for the same bytes): attachments are read for personal data.
  const pdfs = await Promise.all(Array.from({ length: 12 }, (_, i) => makePdf([[[`附件 ${i}`]]])));
  const pdf = (i: number) => new File([new Uint8Array(pdfs[i] ?? [])], "x.pdf", { type: "application/pdf" });
  const notice = (id: string, files: [name: string, file: Blob][], token: string | null = csrf, cover?: Blob) => {
    const form = new FormData();
    if (token !== null) form.append("csrf", token);
    form.append("__id", id);
    for (const [name, value] of Object.entries({ title: "关于上传附件的测试通知", date: "2026-11-30", category: "通知公告", summary: "用于检查附件上传的限制。", __body: "正文" }))
      form.append(name, value);
    if (cover) form.append("coverFile", cover, "cover.jpg");
    for (const [name, file] of files) form.append("attachmentFiles[]", file, name);
    return request.post("/edit/news/new", { multipart: form, maxRedirects: 0 });
  };
  const stored = (rel: string) => existsSync(join(STUDIO.content, rel));

  // Without the session's token: refused before anything is read or written.
  expect((await notice("2026-12-csrf", [["a.pdf", pdf(0)]], null)).status()).toBe(403);
  expect((await notice("2026-12-csrf", [["a.pdf", pdf(0)]], "forged")).status()).toBe(403);
  expect(stored("news/2026-12-csrf.md") || stored("news/files/a.pdf")).toBe(false);

  // Names as a client may send them, path parts included: each is stored by its last part, in news/files/.
  const names = ["../../site.yaml.pdf", "..\\..\\附件\\evil.pdf", "/etc/cron.d/job.pdf", "%2e%2e%2fencoded.pdf", "..pdf"];
  const saved = await notice(
    "2026-12-names",
    names.map((name, i) => [name, pdf(i)]),
  );
  expect(saved.status(), await saved.text()).toBe(303);
  for (const rel of ["news/files/site.yaml.pdf", "news/files/evil.pdf", "news/files/job.pdf", "news/files/2e-2e-2fencoded.pdf", "news/files/附件.pdf"]) expect(stored(rel), rel).toBe(true);
  for (const rel of ["site.yaml.pdf", "evil.pdf", "job.pdf", "news/evil.pdf", "../site.yaml.pdf"]) expect(stored(rel), rel).toBe(false);

  // Too many at once, a disguised cover, a disguised attachment: refused by field, nothing written.
  const head = await request.get("/history");
  const tooMany = await notice(
    "2026-12-many",
    Array.from({ length: 11 }, (_, i) => [`${i}.pdf`, pdf(i)]),
  );
  expect(tooMany.status()).toBe(422);
  expect(await tooMany.text()).toContain("一次至多上传 10 个附件");
  const badCover = await notice("2026-12-cover", [], csrf, new Blob(["<svg onload=alert(1)>"], { type: "image/jpeg" }));
  expect(badCover.status()).toBe(422);
  expect(await badCover.text()).toContain("无法识别的图片");
  const badFile = await notice("2026-12-exe", [["安装程序.docx", new Blob(["MZ\x90\x00"])]]);
  expect(badFile.status()).toBe(422);
  expect(await badFile.text()).toContain("附件“安装程序.docx”的内容不是 Word（.docx） 文件");
  // Files whose text cannot be read or holds personal data, sent straight to the server: refused by field, nothing written.
  const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array<number>(504).fill(0)]);
  const unreadable: [id: string, name: string, bytes: Uint8Array, says: string][] = [
    ["2026-12-doc", "名单.doc", OLE, "Office 97-2003 或 WPS 旧格式文件"],
    ["2026-12-bomb", "通知.pdf", new Uint8Array(bombPdf(300 * 1024 * 1024)), "解压后过大"],
    ["2026-12-phone", "报名表.pdf", new Uint8Array(await makePdf([[["联系人", MOBILE]]])), "含手机号码（139…），不得公开"],
    ["2026-12-xlsx", "汇总.xlsx", xlsx([["身份证号"], [FULL_ID]]), "含完整身份证号"],
  ];
  for (const [id, name, bytes, says] of unreadable) {
    const refused = await notice(id, [[name, new File([new Uint8Array(bytes)], name)]]);
    expect(refused.status(), name).toBe(422);
    expect(await refused.text(), name).toContain(says);
    expect(stored(`news/${id}.md`) || stored(`news/files/${name}`), name).toBe(false);
  }
  expect(["2026-12-many", "2026-12-cover", "2026-12-exe"].some((id) => stored(`news/${id}.md`))).toBe(false);
  expect(await (await request.get("/history")).text()).toBe(await head.text());

  // Files held from a refused save are given back only to the account that chose them, by their own token.
  const cover = new Blob([new Uint8Array(await photo(600, 400))], { type: "image/jpeg" });
  const held = await notice("2026-12-held", [["名单.pdf", pdf(11)]], csrf, cover);
  expect(held.status()).toBe(422);
  const token = /name="__uploads" value="([0-9a-f]{32})"/.exec(await held.text())?.[1] ?? "";
  expect(token).not.toBe("");
  const withToken = (ctx: APIRequestContext, ctxCsrf: string, value: string, id = "2026-12-held") => {
    const form = new FormData();
    for (const [name, v] of Object.entries({
      csrf: ctxCsrf,
      __uploads: value,
      __id: id,
      title: "关于上传附件的测试通知",
      date: "2026-11-30",
      category: "通知公告",
      summary: "某",
      coverAlt: "图片说明",
      __body: "正文",
    }))
      form.append(name, v);
    return ctx.post("/edit/news/new", { multipart: form, maxRedirects: 0 });
  };
  const other = await playwright.request.newContext({ baseURL: BASE });
  const otherCsrf = await session(other, "李四");
  for (const value of [token, "0".repeat(32), "../../users.json"]) {
    const refused = await withToken(other, otherCsrf, value);
    expect(refused.status(), value).toBe(422);
    expect(await refused.text()).toContain("之前选择的文件已失效");
  }
  await other.dispose();
  // A form without file fields (文明公约) sent a token says why at the top of the form: a field-less message would be hidden.
  const convention = await request.post("/edit/conventions/new", { form: { csrf, __uploads: "0".repeat(32), __id: "held-token", title: "公约" }, maxRedirects: 0 });
  expect(convention.status()).toBe(422);
  expect(/未保存：请先处理以下问题[\s\S]*之前选择的文件已失效/.test(await convention.text())).toBe(true);
  expect(stored("conventions/held-token.yaml")).toBe(false);
  expect(stored("news/2026-12-held.md") || stored("news/images/2026-12-held.jpg")).toBe(false);
  expect((await withToken(request, csrf, token)).status()).toBe(303);
  expect(stored("news/images/2026-12-held.jpg") && stored("news/files/名单.pdf")).toBe(true);
  // Used once: the same token again holds nothing any more.
  const again = await withToken(request, csrf, token, "2026-12-held-again");
  expect(again.status()).toBe(422);
  expect(await again.text()).toContain("之前选择的文件已失效");

  // Over the request limit for a notice (52 MB): refused before the body is read whole.
  expect((await notice("2026-12-big", [["大.pdf", new Blob([Buffer.alloc(53 * 1024 * 1024, 0x25)])]])).status()).toBe(413);
});

test("the image library: a client's file name cannot place a picture outside images/, pictures are judged by content, files are served only from the list", async ({ request }) => {
  const csrf = await session(request, "张三");
  const upload = (files: [name: string, file: Blob][], token: string | null = csrf) => {
    const form = new FormData();
    if (token !== null) form.append("csrf", token);
    for (const [name, file] of files) form.append("imageFiles[]", file, name);
    return request.post("/images", { multipart: form, maxRedirects: 0 });
  };
  const stored = (rel: string) => existsSync(join(STUDIO.content, rel));
  const png = new Uint8Array(await photo(400, 300));
  expect((await upload([["a.jpg", new Blob([png])]], null)).status()).toBe(403);

  const saved = await upload([
    ["../../site.yaml.jpg", new Blob([png])],
    ["..\\ads\\evil.jpg", new Blob([png])],
    ["%2e%2e%2fencoded.jpg", new Blob([png])],
    ["干净.svg", new Blob(['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'])],
  ]);
  expect(saved.status(), await saved.text()).toBe(303);
  for (const rel of ["images/site.yaml.jpg", "images/evil.jpg", "images/2e-2e-2fencoded.jpg", "images/干净.svg"]) expect(stored(rel), rel).toBe(true);
  for (const rel of ["site.yaml.jpg", "ads/evil.jpg", "evil.jpg"]) expect(stored(rel), rel).toBe(false);

  for (const [name, bytes, message] of [
    ["脚本.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG 含脚本或外部引用"],
    ["外链.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>', "SVG 含脚本或外部引用"],
    ["网页.png", "<html><script>alert(1)</script></html>", "无法识别的图片"],
  ] as const) {
    const refused = await upload([[name, new Blob([bytes])]]);
    expect(refused.status(), name).toBe(422);
    expect(await refused.text()).toContain(message);
    expect(stored(`images/${name}`)).toBe(false);
  }
  expect((await upload([["大.jpg", new Blob([Buffer.alloc(53 * 1024 * 1024, 1)])]])).status()).toBe(413);

  // Served by name from the library's own list: nothing else of the content folder, however the name is written.
  expect((await request.get("/images/file/evil.jpg")).headers()["content-type"]).toBe("image/jpeg");
  for (const name of ["..%2fsite.yaml", "%2e%2e%2fsite.yaml", "site.yaml", "..%2f..%2fpackage.json", "qingming.svg%00.txt"]) {
    expect((await request.get(`/images/file/${name}`)).status(), name).toBe(404);
  }
});

test("accounts are managed by 管理员 only; a changed or removed account is signed out at once; no one locks themselves out", async ({ request, playwright }) => {
  // Editors and reviewers: refused, whatever they send.
  for (const name of ["张三", "李四"]) {
    const other = await playwright.request.newContext({ baseURL: BASE });
    const csrf = await session(other, name);
    expect((await other.get("/accounts")).status(), name).toBe(403);
    expect(await (await other.get("/")).text()).not.toContain("账号管理");
    for (const [path, form] of [
      ["/accounts", { name: "闯入者", role: "管理员", password: "intruder-password", again: "intruder-password" }],
      ["/accounts/王五/role", { role: "编辑" }],
      ["/accounts/王五/password", { password: "taken-over-password", again: "taken-over-password" }],
      ["/accounts/王五/remove", { confirm: "1" }],
    ] as const)
      expect((await other.post(path, { form: { csrf, ...form }, maxRedirects: 0 })).status(), `${name} ${path}`).toBe(403);
    await other.dispose();
  }

  const csrf = await session(request, "王五");
  const post = (path: string, form: Record<string, string>) => request.post(path, { form: { csrf, ...form }, maxRedirects: 0 });
  const signIn = async (password: string) => {
    const ctx = await playwright.request.newContext({ baseURL: BASE });
    const login = await ctx.get("/login");
    const token = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
    const res = await ctx.post("/login", { form: { csrf: token, username: "临时工", password }, maxRedirects: 0 });
    return { ctx, ok: res.status() === 303 };
  };
  const signedIn = async (ctx: APIRequestContext) => (await ctx.get("/", { maxRedirects: 0 })).status() === 200;

  expect((await post("/accounts", { name: "临时工", role: "编辑", password: "temp-password-1", again: "temp-password-2" })).status()).toBe(422);
  expect((await post("/accounts", { name: "../临时工", role: "编辑", password: "temp-password-1", again: "temp-password-1" })).status()).toBe(422);
  expect((await post("/accounts", { name: "临时工", role: "编辑", password: "short", again: "short" })).status()).toBe(422);
  expect((await post("/accounts", { name: "临时工", role: "编辑", password: "temp-password-1", again: "temp-password-1" })).status()).toBe(303);
  const existing = await post("/accounts", { name: "临时工", role: "管理员", password: "other-password-1", again: "other-password-1" });
  expect(await existing.text()).toContain("账号“临时工”已存在");

  // A new role signs the account out; the next sign-in has it.
  const first = await signIn("temp-password-1");
  expect(first.ok && (await signedIn(first.ctx))).toBe(true);
  expect((await post("/accounts/临时工/role", { role: "审核" })).status()).toBe(303);
  expect(await signedIn(first.ctx)).toBe(false);
  const second = await signIn("temp-password-1");
  expect(await (await second.ctx.get("/")).text()).toContain("临时工（审核）");

  // A new password signs it out, and the old one no longer opens it.
  expect((await post("/accounts/临时工/password", { password: "temp-password-9", again: "temp-password-9" })).status()).toBe(303);
  expect(await signedIn(second.ctx)).toBe(false);
  expect((await signIn("temp-password-1")).ok).toBe(false);
  const third = await signIn("temp-password-9");
  expect(third.ok).toBe(true);

  // Removal needs its confirmation, then signs the account out for good.
  expect((await post("/accounts/临时工/remove", {})).status()).toBe(422);
  expect((await post("/accounts/临时工/remove", { confirm: "1" })).status()).toBe(303);
  expect(await signedIn(third.ctx)).toBe(false);
  expect((await signIn("temp-password-9")).ok).toBe(false);

  // One's own role and account are not changed from one's own session; unknown accounts are not found.
  for (const [path, form] of [
    ["/accounts/王五/role", { role: "编辑" }],
    ["/accounts/王五/remove", { confirm: "1" }],
  ] as const) {
    const res = await post(path, form);
    expect(res.status(), path).toBe(422);
    expect(await res.text()).toContain("不能修改自己的角色或删除自己的账号");
  }
  expect((await post("/accounts/无此人/role", { role: "编辑" })).status()).toBe(404);
  expect((await post(`/accounts/${encodeURIComponent("../users.json")}/remove`, { confirm: "1" })).status()).toBe(404);
  const log = await (await request.get("/accounts")).text();
  for (const line of ["王五 新增 临时工（编辑）", "王五 修改角色 临时工（审核）", "王五 重设密码 临时工", "王五 删除 临时工"]) expect(log).toContain(line);
  expect(log).not.toMatch(/temp-password/);
});

test("an account changed or removed with the command line is signed out at its next request", async ({ playwright }) => {
  const cli = (args: string[], input = "") => execFileSync(process.execPath, ["scripts/studio-user.ts", ...args, "--data", STUDIO.data], { input, encoding: "utf8" });
  const signIn = async (password: string) => {
    const ctx = await playwright.request.newContext({ baseURL: BASE });
    const token = /name="csrf" value="([^"]+)"/.exec(await (await ctx.get("/login")).text())?.[1] ?? "";
    const res = await ctx.post("/login", { form: { csrf: token, username: "外聘", password }, maxRedirects: 0 });
    return { ctx, ok: res.status() === 303 };
  };
  const signedIn = async (ctx: APIRequestContext) => (await ctx.get("/", { maxRedirects: 0 })).status() === 200;

  cli(["add", "外聘", "--role", "审核"], "waipin-password-1\nwaipin-password-1\n");
  const first = await signIn("waipin-password-1");
  expect(first.ok && (await signedIn(first.ctx))).toBe(true);
  // Added again: a new password (and role) for the same name; the running workbench was not restarted.
  cli(["add", "外聘", "--role", "编辑"], "waipin-password-2\nwaipin-password-2\n");
  expect(await signedIn(first.ctx)).toBe(false);
  expect((await first.ctx.post("/publish", { form: {}, maxRedirects: 0 })).status()).toBe(401);
  const second = await signIn("waipin-password-2");
  expect(await (await second.ctx.get("/")).text()).toContain("外聘（编辑）");
  expect(cli(["remove", "外聘"])).toContain("已删除账号 外聘");
  expect(await signedIn(second.ctx)).toBe(false);
  expect((await signIn("waipin-password-2")).ok).toBe(false);
});

test("failed logins are limited per account", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: BASE });
  const login = await request.get("/login");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
  for (let i = 0; i < 5; i++) expect((await request.post("/login", { form: { csrf, username: "王五", password: `wrong-${i}` } })).status()).toBe(401);
  const right = ACCOUNTS.find((a) => a.name === "王五")?.password ?? "";
  const blocked = await request.post("/login", { form: { csrf, username: "王五", password: right } });
  expect(blocked.status()).toBe(429);
  expect(await blocked.text()).toContain("登录失败次数过多");
  await request.dispose();
});
