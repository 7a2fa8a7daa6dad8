/** Every page type: what a reader sees, no console errors or CSP violations, axe clean in all three display modes. */
import { checkA11y, expect, PAGE_TYPES, test } from "./fixtures.ts";

for (const p of PAGE_TYPES) {
  test.describe(p.name, () => {
    test("shows its title, navigation, breadcrumbs and footer", async ({ page }) => {
      await page.goto(p.path);
      await expect(page.locator("h1").first()).toHaveText(p.h1);
      await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "好人榜" })).toBeVisible();
      await expect(page.locator("footer")).toContainText("示例市精神文明建设指导委员会办公室");
      await expect(page.locator("footer")).toContainText("网站标识码");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      if (p.path !== "/" && p.name !== "404") await expect(page.getByRole("navigation", { name: "当前位置" })).toBeVisible();
    });

    // One page per test and the modes in turn: a new page costs about as much as an axe run.
    test("passes axe (WCAG 2.2 AA and best practices) in normal, text-large and contrast-high mode", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(p.path);
      for (const mode of ["normal", "text-large", "contrast-high"] as const) {
        if (mode !== "normal") {
          await page.evaluate((m) => localStorage.setItem("wenming-display", JSON.stringify([m])), mode);
          await page.reload();
          await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${mode}\\b`));
        }
        if (p.name === "search") await page.locator(".search-result").first().waitFor();
        await checkA11y(page, `${p.path} [${mode}]`);
      }
    });

    test("large-text mode enlarges body text", async ({ page }) => {
      await page.goto(p.path);
      const size = () =>
        page
          .locator("main p, main li, main td")
          .first()
          .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const before = await size();
      await page.getByRole("button", { name: "大字" }).click();
      await expect(page.getByRole("button", { name: "大字" })).toHaveAttribute("aria-pressed", "true");
      expect(await size()).toBeGreaterThanOrEqual(before * 1.25);
    });
  });
}

test("display settings persist across pages and work by keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "跳到正文" })).toBeFocused();
  await page.getByRole("button", { name: "高对比" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass(/contrast-high/);
  const bg = await page.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe("rgb(0, 0, 0)");
  await page.goto("/conventions/");
  await expect(page.locator("html")).toHaveClass(/contrast-high/);
  await expect(page.getByRole("button", { name: "高对比" })).toHaveAttribute("aria-pressed", "true");
});

test("body text has line height ≥ 1.5 and touch targets ≥ 44 px", async ({ page }) => {
  await page.goto("/good-people/wang-guilan/");
  const lh = await page
    .locator(".story p")
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) / parseFloat(getComputedStyle(el).fontSize));
  expect(lh).toBeGreaterThanOrEqual(1.5);
  for (const name of ["大字", "高对比", "搜索"]) {
    const box = await page.getByRole("button", { name, exact: true }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
});

test("works at 320 px without horizontal scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const path of [
    "/",
    "/good-people/wang-guilan/",
    "/integrity/black/",
    "/etiquette/yangquan-qianshen/",
    "/search/?q=王桂兰",
    "/news/",
    "/volunteer/",
    "/volunteer/2026-12-dujulaoren-tanfang/",
    "/quiz/",
    "/handbook/wenming-gongyue/",
    "/ads/",
  ]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // The list table: every cell keeps room for its text (a date squeezed to one character per line is unreadable).
  await page.goto("/integrity/black/");
  const dates = page.locator("[data-entry-table] tbody td[data-label='列入日期']");
  const lineHeight = await dates.first().evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  for (const box of await dates.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeLessThan(lineHeight * 1.6);
  await context.close();
});

test("content pages ship no JavaScript beyond their features", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto("/conventions/shimin-gongyue/");
  expect(scripts.every((s) => s.includes("/_astro/"))).toBe(true);
  expect(scripts.some((s) => s.includes("pagefind"))).toBe(false);
});
