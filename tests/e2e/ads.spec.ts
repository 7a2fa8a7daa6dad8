/** 公益广告: gallery and downloads. */
import { expect, test } from "./fixtures.ts";

test("download a poster from an ad page", async ({ page }) => {
  await page.goto("/ads/");
  await page.getByRole("link", { name: "牵好绳 清好便" }).click();
  await expect(page.locator("h1")).toHaveText("牵好绳 清好便");
  const row = page.getByRole("row", { name: /户外 LED 屏 1920×1080/ });
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /PNG/ }).click()]);
  expect(download.suggestedFilename()).toBe("yangquan-led.png");
  const path = await download.path();
  const { default: sharp } = await import("sharp");
  const meta = await sharp(path).metadata();
  expect([meta.width, meta.height]).toEqual([1920, 1080]);
  const zip = await page.request.get("/posters/yangquan/yangquan-all.zip");
  expect(zip.ok()).toBe(true);
  expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");
});
