/** 诚信红黑榜 as journalists and citizens use it; stopped entries gone everywhere but their URL. */
import { expect, test } from "./fixtures.ts";

test("filter the black list by authority without JavaScript, then open an entry", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/integrity/black/");
  await expect(page.getByText("数据截至 2026年11月22日")).toBeVisible();
  const all = await page.locator("table.entry-table tbody tr").count();
  await page
    .getByRole("navigation", { name: "筛选" })
    .getByRole("link", { name: /^示例市住房和城乡建设局（\d+）$/ })
    .click();
  await expect(page.locator("h1")).toHaveText("诚信黑榜 · 认定部门：示例市住房和城乡建设局");
  const rows = page.locator("table.entry-table tbody tr");
  const filtered = await rows.count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  for (const text of await rows.locator("td:nth-child(3)").allTextContents()) expect(text).toBe("示例市住房和城乡建设局");
  await rows.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/integrity\/black\/2026-11-\d{3}\/$/);
  await expect(page.locator("dl.facts")).toContainText("示例市住房和城乡建设局");
  await expect(page.locator("dl.facts")).toContainText("决定文书文号");
  await context.close();
});

test("quick filter narrows the rows of a page with JavaScript", async ({ page }) => {
  await page.goto("/integrity/red/");
  await page.getByLabel("在本页中查找").fill("印务");
  await expect(page.locator("table.entry-table tbody tr:visible")).toHaveCount(1);
  await expect(page.getByText("本页找到 1 条")).toBeVisible();
});

test("an entry shows facts, citation, objection channel; appeal and masked ID", async ({ page }) => {
  await page.goto("/integrity/black/2026-11-002/");
  await expect(page.locator(".badge.appeal")).toHaveText("异议处理中");
  await expect(page.getByRole("note")).toContainText("该信息正在异议处理中");
  await expect(page.getByRole("note")).toContainText("0000-12345679");
  await expect(page.locator(".citation")).toContainText("示市监罚〔2026〕68号");
  await expect(page.locator(".citation")).toContainText("https://wenming.example.gov.cn/integrity/black/2026-11-002/");
  await page.goto("/integrity/black/2026-11-008/");
  await expect(page.locator("[data-masked-id]")).toHaveText("330106********2417");
});

const STOPPED = [
  { id: "2025-09-005", name: "示例市蓝天化工有限公司", stopped: "2026年9月14日" },
  { id: "2025-09-003", name: "示例市宏福物流有限公司", stopped: "2026年2月20日" },
  { id: "2025-09-001", name: "示例市恒达建材有限公司", stopped: "2026年3月1日" },
];

for (const s of STOPPED) {
  test(`stopped entry ${s.id} is gone from lists, feeds and open data, and its URL shows a notice`, async ({ page }) => {
    await page.goto(`/integrity/black/${s.id}/`);
    await expect(page.locator("h1")).toHaveText("该信息已停止公示");
    await expect(page.locator("main")).toContainText(`该信息已于 ${s.stopped} 停止公示`);
    const html = await page.content();
    expect(html).not.toContain(s.name);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", "https://wenming.example.gov.cn/og/site.png");

    for (const path of ["/integrity/black/", "/integrity/black/batch/2025-09/", "/integrity/black.json", "/integrity/black.csv", "/integrity/black/feed.xml", "/sitemap.xml"]) {
      const body = await (await page.request.get(path)).text();
      expect(body, path).not.toContain(s.name);
    }
  });
}

test("JSON, CSV and the Atom feed parse and agree with the list page", async ({ page }) => {
  const json = (await (await page.request.get("/integrity/black.json")).json()) as { asOf: string; count: number; entries: { id: string; subjectName: string; url: string }[] };
  expect(json.asOf).toBe("2026-11-22");
  await page.goto("/integrity/black/");
  const names = await page.locator("table.entry-table tbody td:first-child a").allTextContents();
  expect(json.entries.map((e) => e.subjectName).sort()).toEqual(names.sort());
  expect(json.count).toBe(names.length);
  expect(json.entries[0]?.url).toMatch(/^https:\/\/wenming\.example\.gov\.cn\/integrity\/black\/[\d-]+\/$/);

  const csv = await (await page.request.get("/integrity/black.csv")).text();
  expect(csv.startsWith("\uFEFF编号,主体名称")).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(names.length + 1);

  const feed = await (await page.request.get("/integrity/black/feed.xml")).text();
  const parsed = await page.evaluate((xml) => {
    const d = new DOMParser().parseFromString(xml, "application/xml");
    return { error: d.querySelector("parsererror")?.textContent ?? "", titles: [...d.querySelectorAll("entry > title")].map((t) => t.textContent ?? "") };
  }, feed);
  expect(parsed.error).toBe("");
  expect(parsed.titles).toContain("示例市永盛商贸有限公司 列入黑榜");
  expect(parsed.titles.filter((t) => t === "一条黑榜信息停止公示").length).toBeGreaterThanOrEqual(3);
});
