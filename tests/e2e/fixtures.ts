/**
 * Shared e2e fixtures: every test page records console errors and CSP
 * violations and fails on any; `checkA11y` runs axe with WCAG 2.2 AA tags.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await use(problems);
      expect(problems, problems.join("\n")).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * An image's natural width once a reader would see it: scrolled to (lazy images load only near the viewport) and
 * loaded. Reading it straight after `toBeVisible` raced the download (0 on a busy machine).
 */
export async function loadedWidth(img: Locator): Promise<number> {
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { message: "the image loads" }).toBe(true);
  return img.evaluate((el: HTMLImageElement) => el.naturalWidth);
}

export const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe's WCAG 2.2 AA rules and its best practices (headings in order, landmarks told apart: what screen readers rely on). */
export async function checkA11y(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG, "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
  expect(summary, `${label}\n${summary.join("\n")}`).toEqual([]);
}

/** One page of each type of the sample site. */
export const PAGE_TYPES: { name: string; path: string; h1: string | RegExp }[] = [
  { name: "home", path: "/", h1: "示例市创建全国文明城市" },
  { name: "conventions", path: "/conventions/", h1: "文明公约" },
  { name: "convention", path: "/conventions/shimin-gongyue/", h1: "示例市市民文明公约" },
  { name: "etiquette", path: "/etiquette/", h1: "文明礼仪" },
  { name: "guide", path: "/etiquette/yangquan-qianshen/", h1: "文明养犬 牵绳出行" },
  { name: "good people", path: "/good-people/", h1: "好人榜" },
  { name: "batch", path: "/good-people/batch/2026-3/", h1: "好人榜 2026年第三批" },
  { name: "batch roll", path: "/good-people/batch/2026-2/roll/", h1: "示例市好人榜 2026年第二批" },
  { name: "category", path: "/good-people/category/jianyi-yongwei/", h1: "见义勇为" },
  { name: "region", path: `/good-people/region/${encodeURIComponent("东城区")}/`, h1: "东城区的好人" },
  { name: "person", path: "/good-people/wang-guilan/", h1: "王桂兰" },
  { name: "withdrawn person", path: "/good-people/pan-wei/", h1: "该信息已撤销" },
  { name: "integrity", path: "/integrity/", h1: "诚信红黑榜" },
  { name: "black list", path: "/integrity/black/", h1: "诚信黑榜" },
  { name: "list filter", path: `/integrity/black/severity/${encodeURIComponent("一般")}/`, h1: "诚信黑榜 · 严重程度：一般" },
  { name: "list batch", path: "/integrity/red/batch/2026-11/", h1: "2026年第11期红榜" },
  { name: "entry", path: "/integrity/black/2026-11-008/", h1: "张某强" },
  { name: "stopped entry", path: "/integrity/black/2025-09-005/", h1: "该信息已停止公示" },
  { name: "ads", path: "/ads/", h1: "公益广告" },
  { name: "ad", path: "/ads/wenming-jiaotong/", h1: "文明交通 从我做起" },
  { name: "ads by theme", path: `/ads/theme/${encodeURIComponent("文明交通")}/`, h1: "文明交通公益广告" },
  { name: "news", path: "/news/", h1: "工作动态与通知公告" },
  { name: "news category", path: "/news/category/tongzhi-gonggao/", h1: "通知公告" },
  { name: "news item", path: "/news/2026-11-chuangcheng-tuijinhui/", h1: "全市创建全国文明城市工作推进会召开" },
  { name: "closed notice", path: "/news/2026-11-cesheng-wenjuan/", h1: "关于开展市民文明素质问卷调查的通知" },
  { name: "volunteer", path: "/volunteer/", h1: "志愿服务" },
  { name: "past activities", path: "/volunteer/past/", h1: "往期活动" },
  { name: "activity category", path: "/volunteer/category/wenming-jiaotong/", h1: "文明交通志愿服务" },
  { name: "activity station", path: `/volunteer/station/${encodeURIComponent("幸福里社区新时代文明实践站")}/`, h1: "幸福里社区新时代文明实践站" },
  { name: "activity", path: "/volunteer/2026-12-dujulaoren-tanfang/", h1: "冬日暖心 独居老人上门探访" },
  { name: "quiz", path: "/quiz/", h1: "应知应会 文明知识自测" },
  { name: "quiz answers", path: "/quiz/answers/", h1: "答题卡参考答案" },
  { name: "handbook", path: "/handbook/", h1: "示例市市民文明手册" },
  { name: "handbook chapter", path: "/handbook/wenming-gongyue/", h1: "文明公约" },
  { name: "search", path: "/search/?q=文明", h1: "全站搜索" },
  { name: "404", path: "/404.html", h1: "页面未找到" },
];
