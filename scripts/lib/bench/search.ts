/**
 * First search in headless Chromium, two ways a reader makes one: typed on
 * the search page (which fetches the engine while the reader types), and
 * arriving from the search box every page's header has (/search/?q=…, a cold
 * page): bytes fetched and time until results show.
 */
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";

export interface FirstSearch {
  /** Typed on the search page: the page and everything it fetched until the network was idle after the results. */
  bytes: number;
  /** Of which after pressing Enter. */
  queryBytes: number;
  /** From the Enter key to the first result drawn, by the page's own clock (what the reader waits). */
  ms: number;
  /** The same, seen from the test driver: Playwright's typing, key press and polling included. */
  driverMs: number;
  results: number;
  /** From the header box: bytes fetched until the results showed, and until the network was idle after them. */
  arrivedBytesAtResults: number;
  arrivedBytes: number;
  /** From the navigation to /search/?q=… until the first result was drawn (the page's own clock). */
  arrivedMs: number;
}

export async function firstSearch(site: string, query: string, executablePath: string | undefined): Promise<FirstSearch> {
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
      const counted = async () => {
        const page = await browser.newPage();
        const counter = { bytes: 0, finished: [] as { at: number; bytes: number }[] };
        page.on("requestfinished", async (request) => {
          const sizes = await request.sizes().catch(() => undefined);
          if (!sizes) return;
          const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
          counter.bytes += bytes;
          const timing = request.timing();
          counter.finished.push({ at: timing.startTime + timing.responseEnd, bytes });
        });
        return { page, counter };
      };
      const results = (page: import("@playwright/test").Page) => page.locator(".search-result, [data-search-empty]:not([hidden])").first().waitFor({ timeout: 30_000 });

      // Each page notes when the first result is drawn, and when Enter was pressed in the search box.
      const clocks = () => {
        new MutationObserver((_, observer) => {
          if (!document.querySelector(".search-result")) return;
          (window as unknown as { firstResultAt: number }).firstResultAt = performance.timeOrigin + performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
        document.addEventListener(
          "keydown",
          (event) => {
            if (event.key === "Enter") (window as unknown as { enterAt: number }).enterAt = performance.timeOrigin + performance.now();
          },
          true,
        );
      };
      // Arriving from the header's search box, in a fresh page (nothing cached): its resource timings then say
      // what had arrived by the moment the first result was drawn.
      const arrived = await counted();
      await arrived.page.addInitScript(clocks);
      await arrived.page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
      await results(arrived.page);
      await arrived.page.waitForLoadState("networkidle");
      const arrivedBytes = arrived.counter.bytes;
      // Requests made by Pagefind's worker count too: Playwright sees them, the page's resource timings do not.
      const { at, origin } = await arrived.page.evaluate(() => ({ at: (window as unknown as { firstResultAt?: number }).firstResultAt ?? Date.now(), origin: performance.timeOrigin }));
      const arrivedMs = at - origin;
      const arrivedBytesAtResults = arrived.counter.finished.filter((r) => r.at <= at).reduce((sum, r) => sum + r.bytes, 0);
      await arrived.page.context().close();

      const { page, counter } = await counted();
      await page.addInitScript(clocks);
      // The search page, with the search engine it preloads while the reader types.
      await page.goto(`${base}/search/`);
      await page.waitForLoadState("networkidle");
      const pageBytes = counter.bytes;
      counter.bytes = 0;
      const started = Date.now();
      await page.fill("#search-q", query);
      await page.press("#search-q", "Enter");
      await results(page);
      const driverMs = Date.now() - started;
      await page.waitForLoadState("networkidle");
      const count = await page.locator(".search-result").count();
      const typed = await page.evaluate(() => {
        const w = window as unknown as { enterAt?: number; firstResultAt?: number };
        return { enterAt: w.enterAt, firstResultAt: w.firstResultAt };
      });
      if (typed.enterAt === undefined || typed.firstResultAt === undefined) throw new Error("the search page drew no result after Enter");
      const ms = typed.firstResultAt - typed.enterAt;
      return { bytes: pageBytes + counter.bytes, queryBytes: counter.bytes, ms, driverMs, results: count, arrivedBytesAtResults, arrivedBytes, arrivedMs };
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
