/** Citizens' services: news and notices, volunteer activities (.ics, JSON-LD), as of the test site's day (2026-11-22). */
import ICAL from "ical.js";
import { expect, loadedWidth, test } from "./fixtures.ts";

test.describe("news and notices", () => {
  test("browse, filter by category, open a notice and download its attachment", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "新闻公告" }).click();
    await expect(page.locator("h1")).toHaveText("工作动态与通知公告");
    // Seven items are published on 2026-11-22; the one dated 2026-11-28 is not yet.
    await expect(page.locator(".news-list > li")).toHaveCount(7);
    await expect(page.getByText("冬季应急救护志愿者培训即将开班")).toHaveCount(0);
    const dates = await page.locator(".news-list time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    expect(dates).toEqual([...dates].sort().reverse());

    await page
      .getByRole("navigation", { name: "按栏目浏览" })
      .getByRole("link", { name: /通知公告/ })
      .click();
    await expect(page.locator("h1")).toHaveText("通知公告");
    await expect(page.locator(".news-list > li")).toHaveCount(3);
    await expect(page.locator(".news-list .meta").filter({ hasNotText: "通知公告" })).toHaveCount(0);
    // A notice past its deadline is marked; one still open shows its deadline.
    await expect(page.locator(".news-list > li", { hasText: "问卷调查" }).locator(".badge")).toHaveText("已截止");
    await expect(page.locator(".news-list > li", { hasText: "招募" }).locator(".badge")).toHaveText("截止 2026年12月20日");

    await page.getByRole("link", { name: /招募 2027 年元旦春节/ }).click();
    await expect(page.getByRole("note")).toContainText("截止日期：2026年12月20日");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /志愿者报名表/ }).click()]);
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("a closed notice says so on its page", async ({ page }) => {
    await page.goto("/news/2026-11-cesheng-wenjuan/");
    await expect(page.getByRole("note")).toContainText("已截止");
  });

  test("a news item not yet due is not published anywhere", async ({ page }) => {
    expect((await page.request.get("/news/2026-11-dongji-yanlian/")).status()).toBe(404);
    const feed = await (await page.request.get("/news/feed.xml")).text();
    expect(feed).not.toContain("冬季应急救护");
  });

  test("the cover image has a description and loads responsively", async ({ page }) => {
    await page.goto("/news/2026-11-chuangcheng-tuijinhui/");
    const img = page.locator("img.news-cover");
    await expect(img).toHaveAttribute("alt", /城市街景/);
    expect(await loadedWidth(img)).toBeGreaterThan(0);
    await expect(page.locator("picture source[type='image/webp']")).toHaveAttribute("srcset", /480w/);
  });

  test("the Atom feed lists the published items, newest first", async ({ page }) => {
    await page.goto("/news/");
    const href = await page.getByRole("link", { name: "订阅新闻公告（Atom）" }).getAttribute("href");
    const res = await page.request.get(href ?? "");
    expect(res.headers()["content-type"]).toContain("xml");
    const xml = await res.text();
    const titles = [...xml.matchAll(/<entry>.*?<title>(.*?)<\/title>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(7);
    expect(titles[0]).toBe("通知公告：关于招募 2027 年元旦春节文明交通志愿者的通知");
  });
});

/** Unfolds and splits an iCalendar text, checking the line rules of RFC 5545 §3.1 on the way. */
function icsLines(text: string): string[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const raw = text.slice(0, -2).split("\r\n");
  for (const line of raw) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  }
  return raw;
}

test.describe("volunteer activities", () => {
  test("upcoming first by start, past ones archived, browse by category and station", async ({ page }) => {
    await page.goto("/volunteer/");
    const titles = await page.locator(".activity-list h3").allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(["应急救护知识进社区", "冬日暖心 独居老人上门探访", "清河湿地冬季净滩行动", "元旦前夕斑马线文明劝导", "春运站点文明引导"]);
    // Announced only from 2026-11-28.
    await expect(page.getByText("社区书画展讲解服务")).toHaveCount(0);
    await page.getByRole("link", { name: /往期活动/ }).click();
    // Right under the page's h1 there, the activities are h2 (heading order).
    await expect(page.locator(".activity-list h2")).toHaveText(["市民文明公约进校园宣讲"]);
    await page.goto("/volunteer/");
    await page
      .getByRole("navigation", { name: "按服务类别浏览" })
      .getByRole("link", { name: /文明交通/ })
      .click();
    await expect(page.locator("h1")).toHaveText("文明交通志愿服务");
    await expect(page.locator(".activity-list h3")).toHaveCount(2);
    await page.goto("/volunteer/");
    await page
      .getByRole("navigation", { name: "按实践站点浏览" })
      .getByRole("link", { name: /幸福里社区/ })
      .click();
    await expect(page.locator(".activity-list h3")).toHaveText(["冬日暖心 独居老人上门探访"]);
  });

  test("an activity page: facts, registration link and QR code, schema.org Event", async ({ page }) => {
    await page.goto("/volunteer/2026-12-dujulaoren-tanfang/");
    await expect(page.locator("dl.facts")).toContainText("2026年12月12日 09:00 至 2026年12月12日 11:30（北京时间）");
    await expect(page.locator("dl.facts")).toContainText("社区独居老人");
    await expect(page.getByRole("link", { name: "前往报名" })).toHaveAttribute("href", "https://zhiyuan.example.gov.cn/activity/2026-12-tanfang");
    await expect(page.locator("figure.qr svg")).toBeVisible();
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as Record<string, unknown>;
    expect(ld["@type"]).toBe("Event");
    expect(ld["startDate"]).toBe("2026-12-12T09:00:00+08:00");
    expect(ld["endDate"]).toBe("2026-12-12T11:30:00+08:00");
    expect((ld["location"] as Record<string, unknown>)["name"]).toBe("幸福里社区新时代文明实践站");
  });

  test("the .ics download is valid iCalendar with the activity's time in UTC", async ({ page }) => {
    await page.goto("/volunteer/2026-12-dujulaoren-tanfang/");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /加入手机日历/ }).click()]);
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(await download.path(), "utf8");
    const lines = icsLines(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect(event.summary).toBe("冬日暖心 独居老人上门探访");
    expect(event.uid).toBe("2026-12-dujulaoren-tanfang@wenming.example.gov.cn");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-12T01:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-12-12T03:30:00.000Z");
    expect(event.location).toBe("幸福里社区新时代文明实践站，示例市幸福里社区服务中心一楼");
    expect(event.description).toContain("服务对象：社区独居老人");
    expect(events[0]?.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-22T00:00:00Z");
  });

  test("the calendar feed holds exactly the upcoming activities", async ({ page }) => {
    await page.goto("/volunteer/");
    const href = await page.getByRole("link", { name: /订阅近期活动日历/ }).getAttribute("href");
    const res = await page.request.get(href ?? "");
    expect(res.headers()["content-type"]).toContain("text/calendar");
    const text = await res.text();
    icsLines(text);
    const events = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e).summary);
    expect(events).toEqual(["应急救护知识进社区", "冬日暖心 独居老人上门探访", "清河湿地冬季净滩行动", "元旦前夕斑马线文明劝导", "春运站点文明引导"]);
  });

  test("a past activity offers no registration", async ({ page }) => {
    await page.goto("/volunteer/2026-11-wenming-xuanjiang/");
    await expect(page.getByRole("note")).toContainText("本活动已结束");
    await expect(page.getByRole("link", { name: "前往报名" })).toHaveCount(0);
  });
});

test("a guide shows its poster even when its body does not place it", async ({ page }) => {
  await page.goto("/etiquette/lvyou/");
  await expect(page.locator("figure.poster-figure img")).toHaveAttribute("src", "/posters/jiang-wenming/jiang-wenming-square.webp");
  // A guide whose body already places its poster shows it once.
  await page.goto("/etiquette/yangquan-qianshen/");
  await expect(page.locator("figure.poster-figure")).toHaveCount(1);
});

test("the gallery is one grid, filtered by theme on its own pages", async ({ page }) => {
  await page.goto("/ads/");
  const all = await page.locator(".ad-grid > li").count();
  expect(all).toBeGreaterThanOrEqual(7);
  const columns = await page.locator(".ad-grid").evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
  expect(columns).toBeGreaterThan(1);
  await page
    .getByRole("navigation", { name: "按主题浏览" })
    .getByRole("link", { name: /文明交通/ })
    .click();
  await expect(page.locator(".ad-grid .meta").filter({ hasNotText: "文明交通" })).toHaveCount(0);
  // The sample has two 文明交通 ads (wenming-jiaotong, chengche-guize).
  await expect(page.locator(".ad-grid > li")).toHaveCount(2);
});

test("the home page leads with the campaign posters, people with photos, activities and notices", async ({ page }) => {
  await page.goto("/");
  const first = page.locator(".home-posters img").first();
  await expect(first).toHaveAttribute("loading", "eager");
  await expect(first).toHaveAttribute("alt", /讲文明 树新风/);
  await expect(page.locator(".home-posters img").nth(1)).toHaveAttribute("loading", "lazy");
  await expect(page.locator(".card.with-photo img").first()).toHaveAttribute("loading", "lazy");
  const photo = await page.locator(".card.with-photo img").first().boundingBox();
  expect(photo?.width ?? 0).toBeGreaterThan(60);
  await expect(page.locator(".activity-list h3").first()).toHaveText("应急救护知识进社区");
  await expect(page.locator(".news-list a").first()).toHaveText("关于招募 2027 年元旦春节文明交通志愿者的通知");
});
