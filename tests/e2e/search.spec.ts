/** Search in Chinese over the whole site (Pagefind) with our accessible UI. */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkA11y, expect, test } from "./fixtures.ts";

const QUERIES: { q: string; expect: string; kind: string }[] = [
  { q: "王桂兰", expect: "/good-people/wang-guilan/", kind: "name" },
  { q: "李建国", expect: "/good-people/li-jianguo/", kind: "name" },
  { q: "何晓燕", expect: "/good-people/he-xiaoyan/", kind: "name" },
  { q: "永盛商贸", expect: "/integrity/black/2026-11-001/", kind: "company" },
  { q: "示例市诚信纺织有限公司", expect: "/integrity/red/", kind: "company (stopped: only the batch page may match)" },
  { q: "海川电子", expect: "/integrity/red/2026-11-001/", kind: "company" },
  { q: "遛狗", expect: "/etiquette/yangquan-qianshen/", kind: "scene word" },
  { q: "电动车头盔", expect: "/etiquette/jiaotong-lirang/", kind: "scene word" },
  { q: "垃圾分类", expect: "/etiquette/laji-fenlei/", kind: "scene" },
  { q: "公筷", expect: "/etiquette/canzhuo-guangpan/", kind: "scene word" },
  { q: "文明交通 从我做起", expect: "/ads/wenming-jiaotong/", kind: "slogan" },
  { q: "光盘行动", expect: "/ads/guangpan-xingdong/", kind: "slogan" },
  { q: "村规民约", expect: "/conventions/qinghe-cun/", kind: "convention" },
  { q: "冲锋舟", expect: "/good-people/luo-peng/", kind: "phrase from the middle of a story" },
  { q: "留守儿童合唱团", expect: "/good-people/zhao-min/", kind: "phrase from a story" },
  { q: "拾便袋", expect: "/etiquette/yangquan-qianshen/", kind: "phrase from a guide" },
];

async function search(page: import("@playwright/test").Page, q: string) {
  await page.goto(`/search/?q=${encodeURIComponent(q)}`);
  await expect(page.locator("[data-search-status]")).not.toHaveText(/正在搜索|^$/);
  return page.locator(".search-result h2 a");
}

const FILTERS = /^按栏目、类别、地区、年份筛选/;

/** A search whose filters the reader opens. */
async function searchAndOpenFilters(page: import("@playwright/test").Page, q: string) {
  await search(page, q);
  await page.getByRole("button", { name: FILTERS }).click();
  await expect(page.getByRole("button", { name: FILTERS })).toHaveAttribute("aria-expanded", "true");
}

for (const { q, expect: url, kind } of QUERIES.filter((x) => !x.kind.startsWith("company (stopped"))) {
  test(`"${q}" (${kind}) finds ${url} in the top 3`, async ({ page }) => {
    const links = await search(page, q);
    const hrefs = (await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")))).slice(0, 3);
    expect(hrefs).toContain(url);
  });
}

test("a stopped or removed entry is never found", async ({ page }) => {
  for (const q of ["示例市诚信纺织有限公司", "蓝天化工", "宏福物流", "恒达建材"]) {
    await search(page, q);
    await expect(page.locator(".search-result"), q).toHaveCount(0);
    await expect(page.locator("[data-search-empty]")).toBeVisible();
  }
});

test("a query with one unknown word does not fall back to the other words", async ({ page }) => {
  await search(page, "永盛纺织");
  await expect(page.locator(".search-result")).toHaveCount(0);
  await expect(page.locator("[data-search-status]")).toHaveText("没有找到包含“纺织”的内容");
});

test("a query of only unknown words shows the empty state, not everything", async ({ page }) => {
  await search(page, "魑魅魍魉");
  await expect(page.locator(".search-result")).toHaveCount(0);
  await expect(page.locator("[data-search-empty]")).toBeVisible();
  await expect(page.locator("[data-search-empty]").getByRole("link", { name: "好人榜" })).toBeVisible();
});

test("filters narrow results and live in the URL; reload restores the search with its filters open", async ({ page }) => {
  await searchAndOpenFilters(page, "示例市");
  const total = Number((await page.locator("[data-search-status]").textContent())?.match(/找到 (\d+) 条/)?.[1]);
  expect(total).toBeGreaterThan(10);
  await page.getByRole("checkbox", { name: /^好人榜（\d+）$/ }).check();
  await expect(page).toHaveURL(/section=%E5%A5%BD%E4%BA%BA%E6%A6%9C/);
  await expect(page.locator("[data-search-status]")).toHaveText(/找到 \d+ 条/);
  const narrowed = Number((await page.locator("[data-search-status]").textContent())?.match(/找到 (\d+) 条/)?.[1]);
  expect(narrowed).toBeLessThan(total);
  for (const href of await page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""))) expect(href).toMatch(/^\/good-people\//);
  await page.reload();
  await expect(page.getByLabel("搜索姓名、企业、场景或标语")).toHaveValue("示例市");
  await expect(page.getByRole("checkbox", { name: /^好人榜/ })).toBeChecked();
  await expect(page.getByRole("button", { name: "按栏目、类别、地区、年份筛选（已选 1 项）" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator("[data-search-status]")).toHaveText(`找到 ${narrowed} 条与“示例市”相关的结果`);
  // Closed, the choice still applies and the button says so.
  await page.getByRole("button", { name: FILTERS }).click();
  await expect(page.getByRole("group", { name: "栏目" })).toBeHidden();
  await expect(page.getByRole("button", { name: "按栏目、类别、地区、年份筛选（已选 1 项）" })).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator("[data-search-status]")).toHaveText(`找到 ${narrowed} 条与“示例市”相关的结果`);
});

test("the filters' values are fetched only when a reader opens the filters, and results never wait for them", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".pf_filter")) fetched.push(r.url());
  });
  await search(page, "示例市");
  await expect(page.locator(".search-result").first()).toBeVisible();
  await expect(page.locator("[data-search-status]")).toHaveText(/找到 \d+ 条/);
  await page.waitForLoadState("networkidle");
  expect(fetched).toEqual([]);
  await expect(page.getByRole("group", { name: "栏目" })).toHaveCount(0);
  const toggle = page.getByRole("button", { name: FILTERS });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  // By keyboard, as a reader without a mouse would.
  await toggle.focus();
  await page.keyboard.press("Enter");
  const goodPeople = page.getByRole("group", { name: "栏目" }).getByRole("checkbox", { name: /^好人榜（\d+）$/ });
  await expect(goodPeople).toBeVisible();
  await expect(goodPeople).not.toBeChecked();
  expect(fetched.length).toBeGreaterThan(0);
  // Open once, they stay open for the next search.
  await page.getByLabel("搜索姓名、企业、场景或标语").fill("公司");
  await page.getByLabel("搜索姓名、企业、场景或标语").press("Enter");
  await expect(page.getByRole("group", { name: "栏目" }).getByRole("checkbox", { name: /^黑榜（\d+）$/ })).toBeVisible();
  await checkA11y(page);
});

test("results that cannot be narrowed say so when the filters are opened", async ({ page }) => {
  await searchAndOpenFilters(page, "冲锋舟");
  await expect(page.locator("[data-search-filters]")).toContainText("无需再筛选");
});

// List entries are found in the lists' own index, pages by Pagefind: a list's filter keeps only its entries, counted exactly.
for (const [section, list] of [
  ["红榜", "red"],
  ["黑榜", "black"],
] as const) {
  test(`the ${section} filter keeps exactly that list's entries`, async ({ page }) => {
    await searchAndOpenFilters(page, "公司");
    await page
      .getByRole("group", { name: "栏目" })
      .getByRole("checkbox", { name: new RegExp(`^${section}（\\d+）$`) })
      .check();
    await expect(page.locator("[data-search-status]")).toHaveText(/找到 \d+ 条/);
    const count = Number((await page.locator("[data-search-status]").textContent())?.match(/找到 (\d+) 条/)?.[1]);
    const label = await page
      .getByRole("group", { name: "栏目" })
      .getByRole("checkbox", { name: new RegExp(`^${section}`) })
      .evaluate((box) => box.parentElement?.textContent ?? "");
    expect(label).toContain(`（${count}）`);
    await page.locator(".search-result").first().waitFor();
    const hrefs = await page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^/integrity/${list}/\\d{4}-`));
  });
}

test("category filter narrows good people", async ({ page }) => {
  await searchAndOpenFilters(page, "示例市");
  await page
    .getByRole("group", { name: "类别" })
    .getByRole("checkbox", { name: /^见义勇为（\d+）$/ })
    .check();
  await expect(page).toHaveURL(/category=/);
  await expect(page.locator("[data-search-status]")).toHaveText(/找到 \d+ 条/);
  const hrefs = await page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.every((h) => ["/good-people/li-jianguo/", "/good-people/huang-dawei/", "/good-people/yang-fan/", "/good-people/luo-peng/"].includes(h))).toBe(true);
});

test("more results, highlighted excerpts without zero-width spaces, back button", async ({ page }) => {
  await search(page, "文明");
  await expect(page.locator(".search-result")).toHaveCount(10);
  await page.getByRole("button", { name: "显示更多结果" }).click();
  await expect(page.locator(".search-result")).toHaveCount(20);
  const html = await page.locator(".search-results").innerHTML();
  expect(html).toContain("<mark>");
  expect(html).not.toContain("\u200B");
  await page.getByLabel("搜索姓名、企业、场景或标语").fill("王桂兰");
  await page.getByLabel("搜索姓名、企业、场景或标语").press("Enter");
  await expect(page).toHaveURL(/q=%E7%8E%8B%E6%A1%82%E5%85%B0/);
  await page.goBack();
  await expect(page.getByLabel("搜索姓名、企业、场景或标语")).toHaveValue("文明");
});

test("the header search box on every page leads to results, by keyboard", async ({ page }) => {
  await page.goto("/conventions/");
  await page.getByRole("searchbox", { name: "搜索全站" }).fill("李建国");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\/\?q=/);
  await expect(page.locator(".search-result h2 a").first()).toHaveAttribute("href", "/good-people/li-jianguo/");
  await page.locator(".search-result h2 a").first().focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("h1")).toHaveText("李建国");
});

test("a broad query's results page passes axe", async ({ page }) => {
  await search(page, "示例市");
  await page.locator(".search-result").first().waitFor();
  await checkA11y(page);
});

// Pages and lists are separate indexes merged in the browser: every result must come from exactly one of them,
// once, whether the reader searches at once or after the engine was preloaded.
test("a search spans the pages' index and both lists' entries, each result once", async ({ page }) => {
  const typed = async (q: string) => {
    await page.fill("#search-q", q);
    await page.press("#search-q", "Enter");
    const status = page.locator("[data-search-status]");
    await expect(status).not.toHaveText(/正在搜索|^$/);
    // The count is announced first, then the results are drawn together: wait for them when there are any.
    if ((await status.textContent())?.startsWith("找到")) await page.locator(".search-result").first().waitFor();
    return page.locator(".search-result h2 a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
  };
  // Submitted before the preload (started by the empty search page) can finish.
  await page.goto("/search/");
  const first = await typed("公司");
  expect(first.length).toBeGreaterThan(0);
  const seen: string[] = [];
  for (const q of ["永盛商贸", "海川电子", "王桂兰", "示例市"]) {
    const hrefs = await typed(q);
    expect(new Set(hrefs).size, `${q}: ${hrefs.join(" ")}`).toBe(hrefs.length);
    seen.push(...hrefs);
  }
  expect(seen.some((h) => h.startsWith("/integrity/red/2026-"))).toBe(true);
  expect(seen.some((h) => h.startsWith("/integrity/black/2026-"))).toBe(true);
  expect(seen.some((h) => !h.startsWith("/integrity/"))).toBe(true);
});

test("the first page of results waits for one round of fragment requests, not two", async ({ page }) => {
  // A phone on a slow network pays each round trip: every fragment of the first page (a page's, or a list entry's
  // record) is asked for before any arrives.
  const fragment = (url: string) => url.endsWith(".pf_fragment") || /\/pagefind\/lists\/[0-9a-f]+\/r\/\d+\.json$/.test(url);
  const events: ("asked" | "arrived")[] = [];
  page.on("request", (r) => {
    if (fragment(r.url())) events.push("asked");
  });
  page.on("requestfinished", (r) => {
    if (fragment(r.url())) events.push("arrived");
  });
  await search(page, "文明");
  await expect(page.locator(".search-result")).toHaveCount(10);
  await page.waitForLoadState("networkidle");
  const firstArrival = events.indexOf("arrived");
  expect(events.filter((e) => e === "asked").length).toBeGreaterThanOrEqual(10);
  // None is asked for once the first has arrived.
  expect(events.slice(firstArrival).filter((e) => e === "asked")).toEqual([]);
  // "显示更多结果" asks for the next ten only then.
  await page.getByRole("button", { name: "显示更多结果" }).click();
  await expect(page.locator(".search-result")).toHaveCount(20);
});

test("the header's search and the search page's own are two search landmarks a screen reader tells apart", async ({ page }) => {
  await page.goto("/search/");
  await expect(page.getByRole("search")).toHaveCount(2);
  await expect(page.getByRole("search", { name: "页头搜索" })).toHaveCount(1);
  await expect(page.getByRole("search", { name: "搜索与筛选" })).toContainText("按栏目、类别、地区、年份筛选");
  // And axe's rule for it (a best practice, checked on every page type by checkA11y as well).
  const { violations } = await new AxeBuilder({ page }).withRules(["landmark-unique"]).analyze();
  expect(violations.map((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
});

// The lists' own index answers for every entry the open data publishes, and counts exactly what it holds.
test("every published entry is found first by its credit code and by its name, and the lists' counts are the open data's", async ({ page }) => {
  const site = process.env["WENMING_TEST_SITE"] ?? ".test-site";
  const published = (["red", "black"] as const).map((list) => {
    const data = JSON.parse(readFileSync(join(site, "integrity", `${list}.json`), "utf8")) as { entries: Record<string, string>[] };
    return { list, section: list === "red" ? "红榜" : "黑榜", entries: data.entries };
  });
  for (const { entries } of published)
    for (const e of entries) {
      const path = new URL(e["url"]!).pathname;
      // A person on a list has no credit code.
      for (const q of [e["creditCode"], e["subjectName"]].filter((v): v is string => Boolean(v))) {
        const links = await search(page, q);
        await expect(links.first(), q).toHaveAttribute("href", path);
      }
    }
  await searchAndOpenFilters(page, "公司");
  for (const { section, entries } of published) {
    const holding = entries.filter((e) => ["subjectName", "subjectType", "creditCode", "reason", "authority", "docNumber"].some((k) => e[k]?.includes("公司"))).length;
    await expect(page.getByRole("group", { name: "栏目" }).getByRole("checkbox", { name: `${section}（${holding}）` })).toBeVisible();
  }
});

test("a part of an index that cannot be fetched says search is unavailable, and never shows a partial answer", async ({ page, problems }) => {
  await page.route(/\/pagefind\/lists\/[0-9a-f]+\/w\//, (route) => route.abort("failed"));
  await search(page, "永盛商贸");
  await expect(page.locator("[data-search-status]")).toHaveText("搜索暂时无法使用，请稍后刷新页面再试");
  await expect(page.locator(".search-result")).toHaveCount(0);
  // The browser reports the failed request it was made to fail; nothing else may be reported.
  const expected = problems.filter((p) => p.includes("net::ERR_FAILED"));
  expect(expected.length).toBeGreaterThan(0);
  problems.splice(0, problems.length, ...problems.filter((p) => !expected.includes(p)));
});
