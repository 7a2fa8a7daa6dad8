/** 应知应会 self-test: a round, its score and explanations, the certificate, keyboard use, and the page without JavaScript. */
import type { Page } from "@playwright/test";
import { checkA11y, expect, test } from "./fixtures.ts";

interface Bank {
  count: number;
  questions: { id: string; answer: string; type: string; source: { href: string } }[];
}

async function bank(page: Page): Promise<Bank> {
  return (await (await page.request.get("/quiz/bank.json")).json()) as Bank;
}

/**
 * A wrong answer made of the question's real options: the first option that is not right, or, when every option
 * is right (a 多选 such as "all of these"), all but the last.
 */
function wrongLetters(options: readonly string[], answer: string): string[] {
  const notRight = options.find((l) => !answer.includes(l));
  return notRight ? [notRight] : options.slice(0, -1);
}

/** Ticks the right options (or, with `wrong`, a wrong choice) of every question on the page. */
async function answer(page: Page, b: Bank, wrong: ReadonlySet<number> = new Set()) {
  const ids = await page.locator("fieldset.question").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset["question"] ?? ""));
  for (const [i, id] of ids.entries()) {
    const q = b.questions.find((x) => x.id === id);
    if (!q) throw new Error(`question ${id} not in the bank`);
    const fieldset = page.locator(`fieldset[data-question="${id}"]`);
    const options = await fieldset.locator("input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const letters = wrong.has(i) ? wrongLetters(options, q.answer) : [...q.answer];
    for (const l of letters) await fieldset.locator(`input[value="${l}"]`).check();
  }
  return ids;
}

test("a full round: all correct scores 100, every explanation links to its source, certificate drawn", async ({ page }) => {
  const b = await bank(page);
  expect(b.questions.length).toBeGreaterThanOrEqual(40);
  await page.goto("/quiz/");
  await expect(page.locator("fieldset.question")).toHaveCount(b.count);
  await expect(page.getByRole("button", { name: "交卷" })).toBeVisible();
  const ids = await answer(page, b);
  expect(new Set(ids).size).toBe(ids.length);
  await page.getByRole("button", { name: "交卷" }).click();
  await expect(page.getByRole("status")).toContainText("得分：100 分");
  await expect(page.locator(".verdict.right")).toHaveCount(b.count);
  // Every source link works and lands on the cited article or guide.
  for (const href of await page.locator(".explanation a").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))) {
    const [path, hash] = href.split("#");
    const res = await page.request.get(path ?? "");
    expect(res.status(), href).toBe(200);
    if (hash) expect(await res.text(), href).toContain(`id="${hash}"`);
  }
  await expect(page.getByRole("heading", { name: "生成电子证书" })).toBeVisible();
  await page.getByLabel("姓名").fill("李小明");
  await page.getByRole("button", { name: "生成证书" }).click();
  const src = await page.locator("img.cert-image").getAttribute("src");
  expect(src).toMatch(/^data:image\/png;base64,/);
  const { default: sharp } = await import("sharp");
  const meta = await sharp(Buffer.from((src ?? "").split(",")[1] ?? "", "base64")).metadata();
  expect([meta.width, meta.height]).toEqual([1200, 850]);
  await expect(page.locator("img.cert-image")).toHaveAttribute("alt", "李小明的应知应会自测证书，100 分");
  await expect(page.getByRole("link", { name: "下载证书图片" })).toHaveAttribute("download", /证书/);
  // The best score stays on this device, and only here.
  await page.reload();
  await expect(page.locator(".quiz-best")).toHaveText("您在本设备上的最好成绩：100 分");
});

test("two wrong answers score 80: wrong ones show the right answer, no certificate", async ({ page }) => {
  const b = await bank(page);
  await page.goto("/quiz/");
  await expect(page.getByRole("button", { name: "交卷" })).toBeVisible();
  await answer(page, b, new Set([0, 3]));
  await page.getByRole("button", { name: "交卷" }).click();
  await expect(page.getByRole("status")).toContainText(`得分：${Math.round((100 * (b.count - 2)) / b.count)} 分`);
  await expect(page.locator(".verdict.wrong")).toHaveCount(2);
  await expect(page.locator(".verdict.wrong").first()).toContainText("正确答案：");
  await expect(page.getByRole("heading", { name: "生成电子证书" })).toBeHidden();
  await page.getByRole("button", { name: "换一组题" }).click();
  await expect(page.locator(".verdict")).toHaveCount(0);
  await expect(page.locator("fieldset.question input:checked")).toHaveCount(0);
});

test("keyboard only: every question is reachable, Space chooses, Enter hands in, the result takes focus", async ({ page }) => {
  await page.goto("/quiz/");
  await expect(page.getByRole("button", { name: "交卷" })).toBeVisible();
  const inQuestion = () => page.evaluate(() => document.activeElement?.closest("fieldset.question")?.getAttribute("data-question") ?? "");
  for (let i = 0; i < 80 && !(await inQuestion()); i++) await page.keyboard.press("Tab");
  const visited = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const id = await inQuestion();
    if (!id) break;
    if (!visited.has(id)) {
      visited.add(id);
      await page.keyboard.press("Space");
    }
    await page.keyboard.press("Tab");
  }
  const total = await page.locator("fieldset.question").count();
  expect(visited.size).toBe(total);
  expect(await page.locator("fieldset.question").evaluateAll((els) => els.every((e) => e.querySelector("input:checked")))).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("交卷");
  await page.keyboard.press("Enter");
  await expect(page.locator(".quiz-result h2")).toBeFocused();
  await expect(page.getByRole("status")).toContainText("得分：");
});

test("without JavaScript: a printable sheet, and its answer key on a separate page", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/quiz/");
  const sheet = await page.locator("fieldset.question legend").allTextContents();
  expect(sheet.length).toBeGreaterThanOrEqual(5);
  await expect(page.getByRole("button", { name: "交卷" })).toBeHidden();
  await page.getByRole("link", { name: "参考答案在另一页" }).click();
  const key = await page.locator(".answer-key > li > p:first-child").allTextContents();
  expect(key).toEqual(sheet.map((l) => l.replace(/^\d+\.\s*/, "").replace(/（[单多]选）$/, "")));
  await expect(page.locator(".answer-key strong").first()).toHaveText(/^答案：[A-F]+$/);
  await context.close();
});

for (const mode of ["normal", "text-large", "contrast-high"] as const) {
  test(`the scored round and the certificate form pass axe in ${mode} mode`, async ({ page }) => {
    if (mode !== "normal") await page.addInitScript((m) => localStorage.setItem("wenming-display", JSON.stringify([m])), mode);
    const b = await bank(page);
    await page.goto("/quiz/");
    await expect(page.getByRole("button", { name: "交卷" })).toBeVisible();
    await answer(page, b, new Set([1]));
    await page.getByRole("button", { name: "交卷" }).click();
    await expect(page.locator(".verdict.wrong")).toHaveCount(1);
    await checkA11y(page, `/quiz/ scored [${mode}]`);
  });
}
