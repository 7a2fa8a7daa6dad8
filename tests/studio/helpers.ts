import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import sharp from "sharp";
import { ACCOUNTS } from "./setup.ts";

export async function login(page: Page, name: string): Promise<void> {
  const account = ACCOUNTS.find((a) => a.name === name);
  if (!account) throw new Error(`no test account ${name}`);
  await page.goto("/login");
  await page.getByLabel("用户名").fill(account.name);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出" })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByLabel("用户名")).toBeVisible();
}

/** A phone-like photo: JPEG with EXIF orientation and GPS-free metadata, `w`×`h`. */
export function photo(w = 900, h = 1200): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Waits for the running build shown on the page (预览 or 发布) to finish and returns its result line. */
export async function waitForJob(page: Page): Promise<string> {
  const job = page.locator("[data-job]");
  await expect(job).toHaveAttribute("data-state", /done|failed/, { timeout: 150_000 });
  return (await page.locator("#job-state").textContent()) ?? "";
}

/** The phone-size PNG the poster studio offers for download, decoded: its pixels, and how many of them `match`. */
export async function downloadPhonePoster(page: Page): Promise<{ width: number; height: number; count: (match: (r: number, g: number, b: number) => boolean) => number }> {
  const download = page.waitForEvent("download");
  await page.locator('a[data-download="phone"][data-format="png"]').click();
  const { data, info } = await sharp(readFileSync(await (await download).path()))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const count = (match: (r: number, g: number, b: number) => boolean) => {
    let n = 0;
    for (let i = 0; i < data.length; i += info.channels) if (match(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0)) n++;
    return n;
  };
  return { width: info.width, height: info.height, count };
}
