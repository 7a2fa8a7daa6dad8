/**
 * Staff work in the workbench, in a real browser, one step after another
 * on one content repository: add a good person with a photo and find them
 * in the preview, and a correction in the next preview; a notice with its
 * cover and attachments uploaded, then deleted with them; a picture uploaded to the image library and drawn
 * on a poster; a wrong value is explained at its field; a department's
 * spreadsheet with mistakes is shown per cell, mapped, fixed and imported;
 * a black-list import waits for a second reviewer; a poster is made and
 * downloaded; the site is published; every action is in the history with
 * its author, and one is undone.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { strToU8, zipSync } from "fflate";
import { readSheet } from "read-excel-file/node";
import { FIELDS } from "../../src/lib/integrity/columns.ts";
import { downloadPhonePoster, login, logout, photo, waitForJob } from "./helpers.ts";
import { STUDIO } from "./setup.ts";
import { MOBILE, pdf, xlsx } from "../fixtures/documents.ts";

test.describe.configure({ mode: "serial" });

const git = (...args: string[]) => execFileSync("git", ["-C", STUDIO.content, ...args], { encoding: "utf8" });

const GOOD = readFileSync("tests/fixtures/lists/department-good.csv", "utf8");
/** The department's file as first sent: a header the checker does not know, and a credit code with a wrong check digit. */
const FIRST = GOOD.replace("失信行为", "违规情形").replace("９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y44");
/** As sent again after the department fixed the code (the unknown header stays: it is mapped). */
const FIXED = GOOD.replace("失信行为", "违规情形");

test("an editor adds a good person with a photo and finds them in the preview", async ({ page }) => {
  await login(page, "张三");
  await page.getByRole("link", { name: "好人榜", exact: true }).first().click();
  await page.getByRole("link", { name: "新增好人" }).click();
  await page.getByLabel("编号").fill("zhao-xiaoyu");
  await page.getByLabel("姓名").fill("赵晓雨");
  await page.getByLabel("性别").selectOption("女");
  await page.getByLabel("地区").fill("东城区");
  await page.getByLabel("类别").selectOption("助人为乐");
  await page.getByLabel("级别").selectOption("区");
  await page.getByLabel("批次").fill("2026-2");
  await page.getByLabel("一句话事迹").fill("赵晓雨十年如一日照顾社区独居老人。");
  await page.getByLabel("事迹", { exact: true }).fill("赵晓雨是社区的志愿者。\n\n每周三她都给独居老人送菜、量血压。");
  await expect(page.locator("#body-preview p")).toHaveCount(2);
  // No picture to click before one is chosen (nor a broken one).
  await expect(page.getByRole("img", { name: /所选照片的预览/ })).toBeHidden();
  await page.getByLabel("上传照片").setInputFiles({ name: "IMG 2031 手机.JPG", mimeType: "image/jpeg", buffer: await photo() });
  // A click on the face in the preview sets the crop centre.
  const preview = page.getByRole("img", { name: /所选照片的预览/ });
  await expect(preview).toBeVisible();
  await preview.click({ position: { x: 5, y: 5 } });
  await expect(page.getByLabel(/取景中心（横向/)).not.toHaveValue("50");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  await expect(page.getByRole("link", { name: /赵晓雨/ })).toBeVisible();

  // The photo is stored under the person's id, upright (1200×900 once turned), cropped to the site's 4:5, without its metadata.
  const stored = join(STUDIO.content, "good-people/photos/zhao-xiaoyu.jpg");
  const meta = await sharp(readFileSync(stored)).metadata();
  expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([720, 900, undefined, undefined]);
  expect(git("log", "-1", "--format=%an|%s")).toBe("张三|好人榜：新增 赵晓雨（2026-2）（张三）\n");

  await page.getByRole("link", { name: "预览", exact: true }).first().click();
  await page.getByRole("button", { name: "生成预览" }).click();
  expect(await waitForJob(page)).toContain("预览已生成");
  const href = await page.getByRole("link", { name: "打开预览网站" }).getAttribute("href");
  await page.goto(`${href ?? ""}good-people/`);
  await expect(page.getByText("赵晓雨").first()).toBeVisible();
});

test("a wrong value is explained in Chinese beside its field, and nothing is written", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/edit/people/zhao-xiaoyu");
  const before = readFileSync(join(STUDIO.content, "good-people/people/zhao-xiaoyu.md"), "utf8");
  await page.getByLabel("一句话事迹").fill("赵".repeat(80));
  await page.getByRole("button", { name: "保存" }).click();
  const summary = page.locator(".field", { has: page.getByLabel("一句话事迹") });
  await expect(summary.locator(".field-error")).toContainText("过长：80 个字，上限 70 个字");
  await expect(page.getByLabel("一句话事迹")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays in the form, so nothing is lost while it is corrected.
  await expect(page.getByLabel("事迹", { exact: true })).toHaveValue(/每周三她都给独居老人送菜/);

  // A reference to a batch that does not exist: the loader's cross-check, named at the field.
  await page.getByLabel("一句话事迹").fill("赵晓雨十年如一日照顾社区独居老人。");
  await page.getByLabel("批次").fill("2026-9");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".field", { has: page.getByLabel("批次") }).locator(".field-error")).toContainText("2026-9");
  expect(readFileSync(join(STUDIO.content, "good-people/people/zhao-xiaoyu.md"), "utf8")).toBe(before);
});

test("a correction saved after a preview is in the next preview (built by the process kept from the last one)", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/edit/people/zhao-xiaoyu");
  await page.getByLabel("一句话事迹").fill("赵晓雨十年如一日照顾社区的八位独居老人。");
  await page.getByRole("button", { name: "保存" }).click();
  await expect.poll(() => readFileSync(join(STUDIO.content, "good-people/people/zhao-xiaoyu.md"), "utf8")).toContain("八位独居老人");
  await page.getByRole("link", { name: "预览", exact: true }).first().click();
  await page.getByRole("button", { name: "生成预览" }).click();
  expect(await waitForJob(page)).toContain("预览已生成");
  const href = await page.getByRole("link", { name: "打开预览网站" }).getAttribute("href");
  await page.goto(`${href ?? ""}good-people/zhao-xiaoyu/`);
  await expect(page.getByText("八位独居老人").first()).toBeVisible();
});

test("a notice's cover and attachments are uploaded with its form, refused ones explained, and reach the preview", async ({ page }) => {
  const id = "2026-12-zhiyuan-peixun";
  const before = git("rev-parse", "HEAD");
  await login(page, "张三");
  await page.getByRole("link", { name: "新闻公告", exact: true }).first().click();
  await page.getByRole("link", { name: "新增新闻或通知" }).click();
  await page.getByLabel("编号").fill(id);
  await page.getByLabel("标题").fill("关于开展文明实践志愿者培训的通知");
  await page.getByLabel("发布日期").fill("2026-11-30");
  await page.getByLabel("栏目").selectOption("通知公告");
  await page.getByLabel("摘要").fill("各新时代文明实践站请于月底前报送参加培训的志愿者名单。");
  await page.getByLabel("正文", { exact: true }).fill("培训安排见附件。");
  // A notice has a cover and attachments to upload, not a person's photo.
  await expect(page.getByLabel("上传照片")).toHaveCount(0);
  const cover = { name: "IMG_0042.JPG", mimeType: "image/jpeg", buffer: await photo(1600, 1200) };
  const form = { name: "志愿者 报名表.docx", mimeType: "application/octet-stream", buffer: Buffer.from(zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w/>") })) };
  const notice = { name: "通知#1.pdf", mimeType: "application/pdf", buffer: await pdf([[["培训通知"]]]) };
  // A sign-up sheet with a volunteer's mobile number in it: refused when it is chosen, saying where the number is.
  const sheet = {
    name: "报名汇总.xlsx",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(
      xlsx([
        ["姓名", "电话"],
        ["王五", Number(MOBILE)],
      ]),
    ),
  };

  // A program renamed to .pdf is refused at its field; nothing is written, what was typed is still there, and the
  // files that passed stay chosen.
  await page.getByLabel("上传封面图片").setInputFiles(cover);
  await page.getByLabel("上传附件").setInputFiles([form, { name: "培训安排.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 program") }, sheet]);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator("#attachmentFiles-error")).toContainText("附件“培训安排.pdf”的内容不是 PDF 文件");
  await expect(page.locator("#attachmentFiles-error")).toContainText("附件“报名汇总.xlsx”（工作表 1）含手机号码（139…），不得公开");
  await expect(page.getByLabel("标题")).toHaveValue("关于开展文明实践志愿者培训的通知");
  await expect(page.locator("#coverFile-held")).toContainText("已选择：IMG_0042.JPG");
  await expect(page.locator("#attachmentFiles-held")).toHaveText(/已选择：志愿者 报名表\.docx（/);
  expect(git("rev-parse", "HEAD")).toBe(before);
  expect(existsSync(join(STUDIO.content, "news/files/志愿者 报名表.docx"))).toBe(false);

  // A cover needs its description: the loader says so at that field; the chosen files are held, not lost.
  await page.getByLabel("上传附件").setInputFiles([notice]);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".field.has-error").filter({ has: page.getByLabel("封面图片说明") })).toContainText("有封面图片时必须填写图片说明");
  await expect(page.locator("#coverFile-held")).toContainText("已选择：IMG_0042.JPG");
  await expect(page.locator("#attachmentFiles-held")).toContainText("已选择：志愿者 报名表.docx、通知#1.pdf");
  expect(git("rev-parse", "HEAD")).toBe(before);

  // Only the fix, no file chosen again: the held files are saved with it.
  await page.getByLabel("封面图片说明").fill("志愿者在社区广场学习急救知识");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");

  // Stored under the item's id (the cover, upright and without metadata) and under safe names (the attachments).
  const stored = await sharp(readFileSync(join(STUDIO.content, `news/images/${id}.jpg`))).metadata();
  expect([stored.width, stored.height, stored.orientation, stored.exif]).toEqual([1200, 1600, undefined, undefined]);
  expect(readFileSync(join(STUDIO.content, "news/files/通知-1.pdf"))).toEqual(notice.buffer);
  const saved = readFileSync(join(STUDIO.content, `news/${id}.md`), "utf8");
  for (const line of [`cover: images/${id}.jpg`, "title: 志愿者 报名表", "file: files/志愿者 报名表.docx", "title: 通知-1", "file: files/通知-1.pdf"]) expect(saved).toContain(line);

  await page.getByRole("link", { name: "预览", exact: true }).first().click();
  await page.getByRole("button", { name: "生成预览" }).click();
  expect(await waitForJob(page)).toContain("预览已生成");
  const href = await page.getByRole("link", { name: "打开预览网站" }).getAttribute("href");
  await page.goto(`${href ?? ""}news/${id}/`);
  await expect(page.getByRole("img", { name: "志愿者在社区广场学习急救知识" })).toBeVisible();
  const download = page.getByRole("link", { name: /志愿者 报名表/ });
  await expect(download).toHaveAttribute("href", "/news/files/志愿者%20报名表.docx");
  const file = await page.request.get(new URL((await download.getAttribute("href")) ?? "", page.url()).href);
  expect(Buffer.from(await file.body())).toEqual(form.buffer);
});

test("an attachment is taken off a notice with its file; a notice is deleted after a confirmation, with the files only it used; an item others refer to is not", async ({ page }) => {
  const id = "2026-12-zhiyuan-peixun";
  await login(page, "张三");
  await page.goto(`/edit/news/${id}`);
  // An attachment is shown, not typed, and taken off the notice by its box: its file goes with the save.
  const second = page.getByRole("group", { name: "第 2 项" });
  await expect(second.getByLabel("文件")).toHaveValue("files/通知-1.pdf");
  await expect(second.getByLabel("文件")).not.toBeEditable();
  await expect(page.getByRole("group", { name: /（新增）/ })).toHaveCount(0);
  await second.getByLabel("删除此项").check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  expect(readFileSync(join(STUDIO.content, `news/${id}.md`), "utf8")).not.toContain("通知-1");
  expect(existsSync(join(STUDIO.content, "news/files/通知-1.pdf"))).toBe(false);
  expect(existsSync(join(STUDIO.content, "news/files/志愿者 报名表.docx"))).toBe(true);

  // A scanned notice (pictures, no text) is accepted, and the notice's pages say to check it by eye.
  await page.goto(`/edit/news/${id}`);
  const scan = await pdf([[{ picture: await photo(400, 300) }]]);
  await page.getByLabel("上传附件").setInputFiles([{ name: "盖章通知.pdf", mimeType: "application/pdf", buffer: scan }]);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  const unread = "附件“files/盖章通知.pdf”没有可读取的文字（可能是扫描件），无法自动检查其中有没有身份证号、手机号：发布前请人工核对";
  await expect(page.getByRole("note")).toContainText(unread);
  await page.goto(`/edit/news/${id}`);
  await expect(page.getByRole("note")).toContainText(unread);

  await page.getByRole("link", { name: "删除此新闻或通知" }).click();
  // What goes with it is listed before anything happens.
  for (const file of [`news/${id}.md`, `news/images/${id}.jpg`, "news/files/志愿者 报名表.docx"]) await expect(page.getByRole("listitem").filter({ hasText: file })).toBeVisible();
  expect(existsSync(join(STUDIO.content, `news/${id}.md`))).toBe(true);
  await page.getByRole("button", { name: "确认删除" }).click();
  await expect(page.getByRole("status")).toContainText("已删除：关于开展文明实践志愿者培训的通知");
  await expect(page.getByRole("link", { name: /关于开展文明实践志愿者培训的通知/ })).toHaveCount(0);
  for (const file of [`news/${id}.md`, `news/images/${id}.jpg`, "news/files/志愿者 报名表.docx"]) expect(existsSync(join(STUDIO.content, file)), file).toBe(false);
  // Another notice's attachment stays.
  expect(existsSync(join(STUDIO.content, "news/files/zhiyuanzhe-baoming-biao.pdf"))).toBe(true);
  expect(git("log", "-1", "--format=%an|%s")).toBe("张三|新闻公告：删除 关于开展文明实践志愿者培训的通知（2026-11-30）（张三）\n");

  // The home page's featured ad and the handbook's cover: deleting it is refused, naming what refers to it.
  const head = git("rev-parse", "HEAD");
  await page.goto("/edit/ads/jiang-wenming");
  await page.getByRole("link", { name: "删除此公益广告" }).click();
  await page.getByRole("button", { name: "确认删除" }).click();
  await expect(page.getByRole("alert")).toContainText("site.yaml · featured · 引用了不存在的公益广告“jiang-wenming”");
  await expect(page.getByRole("alert")).toContainText("handbook.yaml · cover");
  expect(git("rev-parse", "HEAD")).toBe(head);
  expect(existsSync(join(STUDIO.content, "ads/jiang-wenming.yaml"))).toBe(true);
  // A good person is withdrawn (the page then says so), never deleted.
  await page.goto("/edit/people/chen-youfu");
  await expect(page.getByRole("link", { name: /删除/ })).toHaveCount(0);
});

test("a photo is cropped to the site's 4:5 around the point staff chose", async ({ page }) => {
  await login(page, "张三");
  // Left half blue, right half red.
  const half = (r: number, b: number) =>
    sharp({ create: { width: 800, height: 800, channels: 3, background: { r, g: 0, b } } })
      .png()
      .toBuffer();
  const picture = await sharp({ create: { width: 1600, height: 800, channels: 3, background: "#000" } })
    .composite([
      { input: await half(0, 255), left: 0, top: 0 },
      { input: await half(255, 0), left: 800, top: 0 },
    ])
    .jpeg()
    .toBuffer();
  for (const [x, colour] of [
    ["95", "red"],
    ["5", "blue"],
  ] as const) {
    await page.goto("/edit/people/zhao-xiaoyu");
    await page.getByLabel("上传照片").setInputFiles({ name: "合影.jpg", mimeType: "image/jpeg", buffer: picture });
    await page.getByLabel(/取景中心（横向/).fill(x);
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("status")).toContainText("已保存");
    const stats = await sharp(readFileSync(join(STUDIO.content, "good-people/photos/zhao-xiaoyu.jpg"))).stats();
    const [r, , b] = stats.channels.map((ch) => ch.mean);
    expect(colour === "red" ? (r ?? 0) > 240 && (b ?? 255) < 15 : (b ?? 0) > 240 && (r ?? 255) < 15, `focus ${x}%`).toBe(true);
  }
});

test("a department's spreadsheet: problems per cell, a header mapped once, fixed, submitted; a second reviewer approves", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/lists");
  await page.getByLabel("名单").selectOption("black");
  await page.getByLabel("报送单位").fill("市税务局");
  await page.getByLabel("表格文件").setInputFiles({ name: "税务局报送.csv", mimeType: "text/csv", buffer: Buffer.from(FIRST) });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.locator(".problems")).toContainText("无法识别的列名“违规情形”");
  await page.getByLabel("把“违规情形”列当作").selectOption({ label: "列入事由" });
  await page.getByRole("button", { name: "记住并重新检查" }).click();
  await expect(page.locator(".problems")).toHaveCount(0);
  const bad = page.locator("td.bad");
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText("91350100M000100Y44");
  await expect(page.getByRole("button", { name: "提交审核" })).toHaveCount(0);

  // Fixed by the department and sent again: the mapping is remembered for 市税务局.
  await page.goto("/lists");
  await page.getByLabel("报送单位").fill("市税务局");
  await page.getByLabel("表格文件").setInputFiles({ name: "税务局报送-改.csv", mimeType: "text/csv", buffer: Buffer.from(FIXED) });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.locator(".ok")).toContainText("检查通过");
  const listFile = join(STUDIO.content, "integrity/black/2026-12.csv");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("黑榜：导入 市税务局 2026-12 报送");
  await expect(page.locator(".diff.added li")).toHaveCount(GOOD.trim().split("\n").length - 1);
  await expect(page.getByText("需要另一位审核人员批准")).toBeVisible();
  await expect(page.getByRole("button", { name: "批准" })).toHaveCount(0);
  expect(existsSync(listFile)).toBe(false);
  const review = page.url();
  await logout(page);

  await login(page, "李四");
  await page.goto(review);
  await expect(page.locator(".diff.added")).toContainText("示例市好运商贸有限公司");
  await page.getByRole("button", { name: "批准" }).click();
  await expect(page.getByRole("status")).toContainText("已批准");
  expect(existsSync(listFile)).toBe(true);
  expect(git("log", "-2", "--format=%an|%s")).toMatch(/李四\|黑榜：导入 市税务局 2026-12 报送 \d+ 条（张三 录入，李四 审核）/);
});

test("a credit repair is a form, waits for a second reviewer, and is in the entry's history", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/lists/entry/black/2026-11-002");
  await page.getByLabel("操作").selectOption({ label: "信用修复" });
  await page.getByLabel("日期").fill("2026-11-30");
  await page.getByLabel("事由").fill("已完成整改并通过复查");
  await page.getByLabel("决定文书文号").fill("示市监信修〔2026〕3号");
  await page.getByRole("button", { name: "提交审核" }).click();
  const changed = page.locator(".diff.changed");
  await expect(changed).toContainText("状态：公示中 → 已信用修复".replace("公示中", "异议处理中"));
  await expect(changed).toContainText("移出日期：（空） → 2026-11-30");
  const review = page.url();
  await logout(page);

  await login(page, "李四");
  await page.goto(review);
  await page.getByRole("button", { name: "批准" }).click();
  await expect(page.getByRole("status")).toContainText("已批准：黑榜：信用修复 2026-11-002");
  const row = readFileSync(join(STUDIO.content, "integrity/black/2026-11.csv"), "utf8")
    .split("\n")
    .find((l) => l.startsWith("2026-11-002,"));
  expect(row).toContain(",已信用修复,2026-11-30,已完成整改并通过复查（示市监信修〔2026〕3号）,");
  await page.goto("/lists/entry/black/2026-11-002");
  await expect(page.locator("ol.history")).toContainText("李四");
  await expect(page.locator("ol.history")).toContainText("信用修复 2026-11-002");
});

test("the template spreadsheet has the standard headers", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/lists");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载标准表格模板/ }).click();
  const rows = await readSheet(readFileSync(await (await download).path()));
  expect(rows[0]).toEqual(FIELDS.filter((f) => f.key !== "id").map((f) => f.header));
});

test("a poster is made in the studio, drawn live in every size, and downloaded", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/posters");
  await page.getByLabel("主标语").fill("礼让斑马线 文明伴我行");
  await page.getByLabel("主题").selectOption("文明交通");
  const phone = page.locator('img[data-size="phone"]');
  await expect(phone).toHaveAttribute("src", /^blob:/);
  await expect(page.locator("#poster-status")).toHaveText("预览已更新");
  const download = page.waitForEvent("download");
  await page.locator('a[data-download="phone"][data-format="png"]').click();
  const file = await (await download).path();
  const meta = await sharp(readFileSync(file)).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1080, 1920]);
  await page.getByLabel("编号").fill("lirang-banmaxian");
  await page.getByRole("button", { name: "保存为公益广告" }).click();
  await expect(page.getByRole("status")).toContainText("礼让斑马线 文明伴我行");
  expect(readFileSync(join(STUDIO.content, "ads/lirang-banmaxian.yaml"), "utf8")).toContain("slogan: 礼让斑马线 文明伴我行");
});

test("the poster studio makes an image-led poster in a named palette, and a rules poster; a missing picture is explained", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/posters");
  await page.getByLabel("主标语").fill("文明祭扫 绿色清明");
  await page.getByLabel("版式", { exact: true }).selectOption({ label: "图片" });
  // No picture yet: the preview says what is missing, in staff language.
  await expect(page.locator("#poster-status")).toContainText("photo（图片）版式需要填写 image（主图）");
  await page.getByLabel("主图（图片版式必选）").selectOption("images/qingming.svg");
  await page.getByLabel("配色", { exact: true }).selectOption("清明绿");
  await page.getByLabel("纵向").fill("70");
  await page.getByLabel("图片署名").fill("插图：示例");
  await expect(page.locator("#poster-status")).toHaveText("预览已更新");
  const poster = await downloadPhonePoster(page);
  expect([poster.width, poster.height]).toEqual([1080, 1920]);
  expect(poster.count((r, g, b) => r === 0x1e && g === 0x5b && b === 0x3a)).toBeGreaterThan(50_000);
  await page.getByLabel("编号").fill("qingming-tupian");
  await page.getByRole("button", { name: "保存为公益广告" }).click();
  await expect(page.getByRole("status")).toContainText("文明祭扫 绿色清明");
  const saved = readFileSync(join(STUDIO.content, "ads/qingming-tupian.yaml"), "utf8");
  for (const line of ["template: photo", "image: images/qingming.svg", "palette: 清明绿", "credit: 插图：示例", "y: 70"]) expect(saved).toContain(line);

  await page.goto("/posters");
  await page.getByLabel("主标语").fill("文明乘车 十要十不要");
  await page.getByLabel("版式", { exact: true }).selectOption({ label: "规范（十要十不要）" });
  await page.getByLabel("“要”条目（规范版式，每行一条）").fill("排队候车\n主动让座");
  await page.getByLabel("“不要”条目（规范版式，每行一条）").fill("不抢座\n不外放音乐");
  await expect(page.locator("#poster-status")).toHaveText("预览已更新");
  await expect(page.locator('img[data-size="led"]')).toHaveAttribute("src", /^blob:/);
});

test("a picture uploaded to the image library is offered in the poster studio and drawn on the poster", async ({ page }) => {
  const head = git("rev-parse", "HEAD");
  await login(page, "张三");
  await page.getByRole("link", { name: "图片库" }).first().click();
  // A disguised file is refused by its content, and nothing is written.
  await page.getByLabel("上传图片").setInputFiles({ name: "合影.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<html>不是图片</html>") });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.locator("#image-files-error")).toContainText("无法识别的图片“合影.jpg”");
  expect(git("rev-parse", "HEAD")).toBe(head);

  // A phone photo: stored upright, without its metadata, under its own name.
  const red = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 0xd0, g: 0x10, b: 0x10 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  await page.getByLabel("上传图片").setInputFiles({ name: "社区 志愿者.JPG", mimeType: "image/jpeg", buffer: red });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("已上传：images/社区 志愿者.jpg");
  await expect(page.getByText("images/社区 志愿者.jpg", { exact: true })).toBeVisible();
  const stored = await sharp(readFileSync(join(STUDIO.content, "images/社区 志愿者.jpg"))).metadata();
  expect([stored.width, stored.height, stored.orientation, stored.exif]).toEqual([1200, 1600, undefined, undefined]);
  expect(git("log", "-1", "--format=%an|%s")).toBe("张三|图片库：上传 images/社区 志愿者.jpg（张三）\n");

  // The ad form's picture fields offer it too.
  await page.goto("/edit/ads/jiang-wenming");
  await expect(page.getByLabel("主图", { exact: true })).toHaveAttribute("list", "picker-images");
  await expect(page.locator('datalist#picker-images option[value="images/社区 志愿者.jpg"]')).toHaveCount(1);

  await page.getByRole("link", { name: "海报制作" }).first().click();
  await page.getByLabel("版式", { exact: true }).selectOption({ label: "图片" });
  await page.getByLabel("主图（图片版式必选）").selectOption("images/社区 志愿者.jpg");
  await expect(page.locator("#poster-status")).toHaveText("预览已更新");
  const poster = await downloadPhonePoster(page);
  expect(poster.count((r, g, b) => r > 0xb0 && g < 0x40 && b < 0x40)).toBeGreaterThan(100_000);
});

test("an editor cannot publish; a reviewer publishes and the change is in the published folder", async ({ page }) => {
  await login(page, "张三");
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute("content")) ?? "";
  const refused = await page.request.post("/publish", { form: { csrf } });
  expect(refused.status()).toBe(403);
  await logout(page);

  await login(page, "李四");
  await page.getByRole("link", { name: "发布", exact: true }).first().click();
  await page.getByRole("button", { name: "发布" }).click();
  expect(await waitForJob(page)).toContain("发布成功");
  const people = readdirSync(join(STUDIO.published, "good-people"));
  expect(people.some((p) => p.includes("zhao-xiaoyu"))).toBe(true);
  const black = readFileSync(join(STUDIO.published, "integrity/black/index.html"), "utf8");
  expect(black).toContain("示例市好运商贸有限公司");
  expect(existsSync(join(STUDIO.published, "ads/lirang-banmaxian/index.html"))).toBe(true);
  expect(git("log", "-1", "--format=%an|%s")).toMatch(/^李四\|发布：网站已更新/);
});

test("every action is in the history with its author, and a change can be undone", async ({ page }) => {
  await login(page, "张三");
  await page.goto("/history");
  const rows = page.locator("table.history tbody tr");
  await expect(rows.filter({ hasText: "好人榜：新增 赵晓雨" })).toContainText("张三");
  await expect(rows.filter({ hasText: "黑榜：导入 市税务局" })).toContainText("（张三 录入，李四 审核）");
  await expect(rows.filter({ hasText: "黑榜：导入 市税务局" })).toContainText("李四");
  await expect(rows.filter({ hasText: "发布：网站已更新" })).toContainText("李四");
  // Times are the city's (UTC+8) whatever the server's time zone: the publication was minutes ago.
  const shown = (await rows.filter({ hasText: "发布：网站已更新" }).first().locator("td").first().textContent())?.trim() ?? "";
  expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(Math.abs(Date.now() - Date.parse(`${shown.replace(" ", "T")}:00+08:00`))).toBeLessThan(20 * 60_000);
  await rows.filter({ hasText: "公益广告：新增 礼让斑马线" }).getByRole("button", { name: /撤销/ }).click();
  await expect(page.getByRole("status")).toContainText("撤销：公益广告：新增 礼让斑马线");
  expect(existsSync(join(STUDIO.content, "ads/lirang-banmaxian.yaml"))).toBe(false);
  expect(git("log", "-1", "--format=%an|%s")).toMatch(/^张三\|撤销：公益广告：新增 礼让斑马线/);
});

test("an administrator adds a colleague's account in the browser, who signs in with it; the menu offers accounts to administrators only", async ({ page }) => {
  await login(page, "张三");
  await expect(page.getByRole("navigation", { name: "工作台" }).getByRole("link", { name: "账号管理" })).toHaveCount(0);
  await logout(page);

  await login(page, "周九");
  await page.getByRole("navigation", { name: "工作台" }).getByRole("link", { name: "账号管理" }).click();
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "新增账号" }) });
  await add.getByLabel("用户名").fill("孙七");
  await add.getByLabel("角色", { exact: true }).selectOption("审核");
  await add.getByLabel("初始密码", { exact: true }).fill("sunqi-password-7");
  await add.getByLabel("再次输入初始密码").fill("sunqi-password-8");
  await add.getByRole("button", { name: "新增账号" }).click();
  // A typing mistake is explained, and no account is made.
  await expect(page.getByRole("alert")).toContainText("两次输入的密码不一致，未新增账号");
  await expect(page.getByRole("heading", { name: /孙七/ })).toHaveCount(0);
  // What was typed is still there, but for the passwords.
  await expect(add.getByLabel("用户名")).toHaveValue("孙七");
  await expect(add.getByLabel("角色", { exact: true })).toHaveValue("审核");
  await expect(add.getByLabel("初始密码", { exact: true })).toHaveValue("");
  await add.getByLabel("初始密码", { exact: true }).fill("sunqi-password-7");
  await add.getByLabel("再次输入初始密码").fill("sunqi-password-7");
  await add.getByRole("button", { name: "新增账号" }).click();
  await expect(page.getByRole("status")).toContainText("已新增账号：孙七（审核）");
  await expect(page.getByRole("heading", { name: "孙七（审核）" })).toBeVisible();
  await expect(page.getByText("周九 新增 孙七（审核）")).toBeVisible();
  await logout(page);

  await page.goto("/login");
  await page.getByLabel("用户名").fill("孙七");
  await page.getByLabel("密码").fill("sunqi-password-7");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("孙七（审核）")).toBeVisible();
});
