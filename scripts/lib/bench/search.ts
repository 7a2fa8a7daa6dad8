/** First search in headless Chromium: bytes fetched for the query and time until results show. */
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";

export async function firstSearch(site: string, query: string, executablePath: string | undefined): Promise<{ bytes: number; queryBytes: number; ms: number; results: number }> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const server = spawn("astro", ["preview", "--outDir", site, "--port", String(port), "--host", "127.0.0.1", "--ignore-lock"], {
    stdio: "ignore",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      let bytes = 0;
      page.on("requestfinished", async (request) => {
        const sizes = await request.sizes().catch(() => undefined);
        if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      });
      // The search page, with the search engine it preloads while the reader types.
      await page.goto(`${base}/search/`);
      await page.waitForLoadState("networkidle");
      const pageBytes = bytes;
      bytes = 0;
      const started = Date.now();
      await page.fill("#search-q", query);
      await page.press("#search-q", "Enter");
      await page.locator(".search-result, [data-search-empty]:not([hidden])").first().waitFor({ timeout: 30_000 });
      const ms = Date.now() - started;
      await page.waitForLoadState("networkidle");
      const results = await page.locator(".search-result").count();
      return { bytes: pageBytes + bytes, queryBytes: bytes, ms, results };
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
