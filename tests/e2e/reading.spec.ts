/** 好人榜, 文明公约 and 文明礼仪 as citizens use them. */
import { expect, loadedWidth, test } from "./fixtures.ts";

test("browse a category, then a batch, then open a person", async ({ page }) => {
  await page.goto("/good-people/");
  const filters = page.getByRole("navigation", { name: "好人榜分类浏览" });
  await filters.getByRole("link", { name: /^见义勇为（\d+）$/ }).click();
  await expect(page.locator("h1")).toHaveText("见义勇为");
  const names = await page.locator("main .card h2").allTextContents();
  expect(names).toEqual(expect.arrayContaining(["李建国", "杨帆"]));
  await page
    .getByRole("navigation", { name: "好人榜分类浏览" })
    .getByRole("link", { name: /^2026年第三批（\d+）$/ })
    .click();
  await expect(page.locator("h1")).toHaveText("好人榜 2026年第三批");
  await expect(page.getByRole("note")).toContainText("公示期为 2026年11月16日 至 2026年11月25日");
  await expect(page.getByRole("note")).toContainText("0000-12345679");
  await page.getByRole("link", { name: "杨帆" }).click();
  await expect(page.locator("h1")).toHaveText("杨帆");
  await expect(page.locator("dl.facts")).toContainText("见义勇为");
  await expect(page.locator("dl.facts")).toContainText("省");
  await expect(page.locator(".story")).toContainText("灭火器");
  await expect(page.getByRole("img", { name: "杨帆的照片" })).toBeVisible();
  // People share their batch's card.
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", "https://wenming.example.gov.cn/og/batch-2026-3.png");
  const og = await page.request.get("/og/batch-2026-3.png");
  expect(og.headers()["content-type"]).toContain("image/png");
});

test("a person without a photo gets a placeholder; a withdrawn person shows only a notice", async ({ page }) => {
  await page.goto("/good-people/zhou-hai/");
  await expect(page.getByRole("img", { name: "周海（暂无照片）" })).toBeVisible();
  await page.goto("/good-people/pan-wei/");
  await expect(page.locator("main")).toContainText("已于 2026年11月18日 撤销");
  await expect(page.locator("main")).not.toContainText("潘伟");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
  await page.goto("/good-people/batch/2026-3/");
  await expect(page.locator("main")).not.toContainText("潘伟");
});

test("deep link to one article of a convention", async ({ page }) => {
  await page.goto("/conventions/shimin-gongyue/#article-6");
  const article = page.locator("#article-6");
  await expect(article).toContainText("第六条");
  await expect(article).toContainText("文明养犬");
  await expect(article).toBeInViewport();
  expect(await article.evaluate((el) => el.matches(":target"))).toBe(true);
  await page.goto("/etiquette/yangquan-qianshen/");
  await page.getByRole("link", { name: "示例市市民文明公约 第六条" }).click();
  await expect(page).toHaveURL(/#article-6$/);
});

test("a convention prints on one A4 page", async ({ page }) => {
  await page.goto("/conventions/shimin-gongyue/");
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  await expect(page.locator(".site-header")).toBeHidden();
});

test("a batch roll prints on A4 without site chrome", async ({ page }) => {
  await page.goto("/good-people/batch/2026-2/roll/");
  await expect(page.locator("table.roll-table tbody tr")).toHaveCount(12);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-footer")).toBeHidden();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeLessThanOrEqual(2);
});

test("an etiquette guide shows dos and don'ts, a tip and its poster", async ({ page }) => {
  await page.goto("/etiquette/jiaotong-lirang/");
  await expect(page.getByRole("heading", { name: "出行时请这样做" })).toBeVisible();
  await expect(page.locator(".dos li")).toHaveCount(4);
  await expect(page.locator(".donts li")).toHaveCount(4);
  await expect(page.locator(".tip")).toContainText("3C 认证");
  const poster = page.getByRole("img", { name: /公益广告海报：文明交通 从我做起/ });
  await expect(poster).toBeVisible();
  expect(await loadedWidth(poster)).toBe(1080);
});

test.describe("read-aloud", () => {
  test("toggles play, pause and stop where speech synthesis exists", async ({ page }) => {
    await page.addInitScript(() => {
      const calls: string[] = [];
      (window as unknown as { __speech: string[] }).__speech = calls;
      const synth = {
        speak: (u: { text: string; lang: string }) => calls.push(`speak:${u.lang}:${u.text.slice(0, 10)}`),
        pause: () => calls.push("pause"),
        resume: () => calls.push("resume"),
        cancel: () => calls.push("cancel"),
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
      (window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = class {
        text: string;
        lang = "";
        rate = 1;
        onend: (() => void) | null = null;
        constructor(t: string) {
          this.text = t;
        }
      };
    });
    await page.goto("/good-people/wang-guilan/");
    const play = page.getByRole("button", { name: "朗读全文" });
    await expect(play).toBeVisible();
    await play.click();
    await expect(page.getByRole("button", { name: "暂停朗读" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "暂停朗读" }).click();
    await expect(page.getByRole("button", { name: "继续朗读" })).toBeVisible();
    await page.getByRole("button", { name: "停止" }).click();
    await expect(page.getByRole("button", { name: "朗读全文" })).toBeVisible();
    const calls = await page.evaluate(() => (window as unknown as { __speech: string[] }).__speech);
    expect(calls[0]).toBe("cancel");
    expect(calls[1]).toMatch(/^speak:zh-CN:王桂兰/);
    expect(calls.slice(2)).toEqual(["pause", "cancel"]);
  });

  test("is hidden where there is no speech synthesis", async ({ page }) => {
    await page.addInitScript(() => {
      delete (window as unknown as { speechSynthesis?: unknown }).speechSynthesis;
    });
    await page.goto("/conventions/shimin-gongyue/");
    await expect(page.getByRole("button", { name: "朗读全文" })).toBeHidden();
    await expect(page.getByRole("button", { name: "复制链接" })).toBeVisible();
  });
});

test("copy link puts the page's permanent URL on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/integrity/black/2026-11-001/");
  await page.getByRole("button", { name: "复制链接" }).click();
  await expect(page.getByText("链接已复制")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("https://wenming.example.gov.cn/integrity/black/2026-11-001/");
});

test("the site feed and sitemap parse", async ({ page }) => {
  const feed = await (await page.request.get("/feed.xml")).text();
  const doc = await page.evaluate((xml) => {
    const d = new DOMParser().parseFromString(xml, "application/xml");
    return { error: d.querySelector("parsererror")?.textContent ?? "", titles: [...d.querySelectorAll("entry > title")].map((t) => t.textContent) };
  }, feed);
  expect(doc.error).toBe("");
  expect(doc.titles).toContain("好人榜 2026年第三批（公示中）");
  expect(doc.titles).toContain("文明礼仪：垃圾分类 举手之劳");
  expect(doc.titles).toContain("通知公告：关于招募 2027 年元旦春节文明交通志愿者的通知");
  expect(doc.titles).toContain("志愿服务：冬日暖心 独居老人上门探访");
  // Scheduled items are not in it before their day.
  expect(doc.titles.join()).not.toContain("冬季应急救护志愿者培训");
  const sitemap = await (await page.request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("https://wenming.example.gov.cn/good-people/wang-guilan/");
  expect(sitemap).not.toContain("/good-people/pan-wei/");
  expect(sitemap).not.toContain("/integrity/black/2025-09-005/");
});

test("the site wears the colours of its settings, and high contrast still wins", async ({ page }) => {
  await page.goto("/etiquette/");
  // content/site.yaml: colours.primary "#A8201A".
  await expect(page.locator(".site-header")).toHaveCSS("background-color", "rgb(168, 32, 26)");
  await page.getByRole("button", { name: "高对比" }).click();
  await expect(page.locator(".site-header")).toHaveCSS("background-color", "rgb(0, 0, 0)");
  await expect(page.locator("h1")).toHaveCSS("color", "rgb(255, 255, 255)");
});
