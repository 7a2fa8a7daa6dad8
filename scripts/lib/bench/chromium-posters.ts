/**
 * The browser baseline for poster rendering: the same design, the same
 * layout and the same (already cropped) image as HTML/CSS — the element tree
 * our renderer draws, written out with inline styles — rendered by a warm
 * headless Chromium page and captured with Playwright's screenshot, against
 * our renderer in the same process and run. Chromium is given the laid-out
 * tree and the cropped picture: it does only what a browser renderer would
 * (layout, raster, encode), which favours it.
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { fontFile } from "../../../src/lib/poster/fonts.ts";
import { fillSlots } from "../../../src/lib/poster/images.ts";
import { layoutPoster, type Child } from "../../../src/lib/poster/layout.ts";
import { qrDataUrl } from "../../../src/lib/poster/render.ts";
import type { PosterSize } from "../../../src/lib/poster/sizes.ts";
import type { PosterInput } from "../../../src/lib/poster/templates.ts";
import { posterProcessEnv } from "../../../src/lib/build/allocators.ts";
import { findChromium } from "../chromium.ts";
import { median, variantOf, type TimingReply, type TimingRequest, type TimingSetup } from "./poster-variants.ts";

/**
 * Untimed posters on each side before the timed ones: both renderers warm, as
 * in a build of hundreds of posters or a workbench that has drawn a few
 * previews. Ours reaches its steady state after ≈ 20 (a new process's
 * posters 3–17 took a median ≈ 24 ms, posters 20–34 ≈ 20 ms: V8 still
 * optimising the layout code); Chromium's time did not change between 3 and 20
 * (docs/performance.md).
 */
const WARMUPS = 20;

const UNITLESS = new Set(["fontWeight", "lineHeight", "flexGrow", "flexShrink", "opacity", "zIndex"]);
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function css(style: Record<string, string | number> = {}): string {
  return Object.entries(style)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${typeof v === "number" && !UNITLESS.has(k) ? `${v}px` : v}`)
    .join(";");
}

/** The element tree as HTML: the same boxes and styles Satori is given. */
export function treeHtml(node: Child): string {
  if (node === null || node === undefined || node === false) return "";
  if (typeof node === "string" || typeof node === "number") return escape(String(node));
  if (Array.isArray(node)) return node.map(treeHtml).join("");
  const n = node;
  if (n.type === "img") return `<img src="${escape(String(n.props.src ?? ""))}" style="${escape(css(n.props.style))}">`;
  return `<${n.type} style="${escape(css(n.props.style))}">${treeHtml(n.props.children)}</${n.type}>`;
}

async function posterHtml(input: PosterInput, size: PosterSize, width: number, height: number): Promise<string> {
  const withQr = input.qrUrl ? { ...input, qr: await qrDataUrl(input.qrUrl) } : input;
  const { tree, slots } = layoutPoster(withQr, { ...size, width, height });
  await fillSlots(slots);
  const faces = ([400, 700, 900] as const).map((w) => `@font-face{font-family:"Noto Sans SC";font-weight:${w};src:url("https://fonts.bench/${w}.ttf")}`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${faces}*{box-sizing:border-box;margin:0}body{width:${width}px;height:${height}px;overflow:hidden}div{display:flex}</style></head><body>${treeHtml(tree)}</body></html>`;
}

/** Our renderer in a process of its own (./poster-timing.ts): each call times one poster there. */
interface OurRenderer {
  time(kind: TimingRequest["kind"], i: number): Promise<number>;
  close(): void;
}

function startOurs(setup: TimingSetup): OurRenderer {
  // With the environment the build's renderer processes get (pool.ts).
  const env = posterProcessEnv(process.env);
  const child = fork(fileURLToPath(new URL("./poster-timing.ts", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced", env });
  const waiting = new Map<number, { resolve: (ms: number) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  child.on("message", (reply: TimingReply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ("error" in reply) w?.reject(new Error(reply.error));
    else w?.resolve(reply.ms);
  });
  child.once("error", failAll);
  child.once("exit", (code) => failAll(new Error(`poster timing process exited with ${code}`)));
  child.send(setup);
  let next = 0;
  return {
    time: (kind, i) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        child.send({ id, kind, i } satisfies TimingRequest);
      }),
    close: () => child.disconnect(),
  };
}

export interface ChromiumComparison {
  oursPngMs: number;
  chromiumPngMs: number;
  oursA3Ms: number;
  chromiumA3Ms: number;
}

/**
 * Median milliseconds per poster, ours and Chromium's, for 1080×1920 PNG and A3 (300 dpi) JPEG, same input with its
 * image. The two renderers take turns poster by poster (who goes first alternating), warm-ups included: this
 * machine's speed moves by up to 2× within minutes, and timing one side after the other put the two medians in
 * different minutes (docs/performance.md).
 */
export async function compareWithChromium(input: PosterInput, phone: PosterSize, a3: PosterSize, runs = 15): Promise<ChromiumComparison> {
  const ours = startOurs({ input, phone: phone.id, a3: a3.id });
  // Our process loads its modules and fonts before the browser starts (both at once would slow the first posters of each).
  await ours.time("png", -WARMUPS - 1);
  const browser = await chromium.launch({
    executablePath: await findChromium(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.route("https://fonts.bench/**", (route) =>
      route.fulfill({ body: readFileSync(fontFile(Number(/(\d+)\.ttf$/.exec(route.request().url())?.[1] ?? 700) as 400 | 700 | 900)), contentType: "font/ttf" }),
    );
    const browserShot = async (size: PosterSize, width: number, height: number, type: "png" | "jpeg", i: number) => {
      // The HTML is made outside the timing (it is our layout); the browser lays it out, rasterises and encodes.
      const html = await posterHtml(variantOf(input, i), size, width, height);
      const t = performance.now();
      await page.setViewportSize({ width, height });
      await page.setContent(html, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.screenshot(type === "png" ? { type } : { type, quality: 90 });
      return performance.now() - t;
    };
    /** Medians of `n` timed posters on each side after `warmups` untimed ones, the two sides taking turns. */
    const inTurns = async (kind: TimingRequest["kind"], size: PosterSize, width: number, height: number, n: number, warmups: number) => {
      const type = kind === "png" ? "png" : "jpeg";
      const mine: number[] = [];
      const theirs: number[] = [];
      for (let i = -warmups; i < n; i++) {
        const shot = () => browserShot(size, width, height, type, i);
        let [mineMs, theirsMs] = [0, 0];
        if (i % 2 === 0) [mineMs, theirsMs] = [await ours.time(kind, i), await shot()];
        else [theirsMs, mineMs] = [await shot(), await ours.time(kind, i)];
        if (i < 0) continue;
        mine.push(mineMs);
        theirs.push(theirsMs);
      }
      return { ours: median(mine), chromium: median(theirs) };
    };
    const r = a3.raster ?? { width: a3.width, height: a3.height };
    const png = await inTurns("png", phone, phone.width, phone.height, runs, WARMUPS);
    const print = await inTurns("a3", a3, r.width, r.height, Math.max(3, Math.round(runs / 2)), 1);
    return { oursPngMs: png.ours, chromiumPngMs: png.chromium, oursA3Ms: print.ours, chromiumA3Ms: print.chromium };
  } finally {
    ours.close();
    await browser.close();
  }
}
