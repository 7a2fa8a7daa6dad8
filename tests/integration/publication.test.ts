/**
 * Publication truth, build side: builds of small variations of the sample
 * content, as staff run them — a past as-of day, photo names from phones,
 * the site's colours and logo, two builds at once.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildSite, sampleContent } from "./helpers.ts";

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "wenming-pub-"));
  return { out: join(dir, "dist"), caches: join(dir, "caches") };
};
const page = (out: string, rel: string) => readFileSync(join(out, rel, "index.html"), "utf8");

describe("a past as-of day rebuilds that day's site", () => {
  it("AS_OF before a batch's notice and before recent listings: neither is published, and nothing fails", async () => {
    const site = fresh();
    const content = sampleContent();
    // A withdrawn person with a photo, and a picture of the image library no page uses.
    writeFileSync(
      join(content, "good-people/people/pan-wei.md"),
      readFileSync(join(content, "good-people/people/pan-wei.md"), "utf8").replace(/\nwithdrawn:/, "\nphoto: photos/pan-wei.jpg\nwithdrawn:"),
    );
    await sharp(join(content, "good-people/photos/wang-guilan.jpg")).flop().toFile(join(content, "good-people/photos/pan-wei.jpg"));
    copyFileSync(join(content, "good-people/photos/li-jianguo.jpg"), join(content, "images/unused-draft.jpg"));
    const r = buildSite({ content, ...site, asOf: "2026-10-01", skipPosters: true });
    expect(r.code, r.log).toBe(0);
    // Pictures are published only where a page shows them: not the photos of the batch whose notice has not begun
    // (Vite writes every photo a page may look up), nor the withdrawn person's, nor an unused library picture.
    const pictures = readdirSync(join(site.out, "_astro")).filter((f) => /\.(jpe?g|png|webp|svg)$/i.test(f));
    for (const unshown of ["he-xiaoyan", "yang-fan", "pan-wei", "unused-draft", "qingming"])
      expect(
        pictures.filter((f) => f.startsWith(`${unshown}.`)),
        unshown,
      ).toEqual([]);
    expect(pictures.filter((f) => f.startsWith("li-jianguo.")).length).toBeGreaterThan(0);
    expect(r.log).toContain("未发布 ");
    expect(page(site.out, "good-people")).not.toContain("2026年第三批");
    expect(existsSync(join(site.out, "good-people/batch/2026-3"))).toBe(false);
    expect(existsSync(join(site.out, "integrity/black/2026-11-002"))).toBe(false);
    const open = JSON.parse(readFileSync(join(site.out, "integrity/black.json"), "utf8")) as { entries?: { listedOn: string }[] };
    expect(JSON.stringify(open)).not.toContain("2026-10-11");
    expect(page(site.out, "integrity/black")).toContain("数据截至 2026年10月1日");
  }, 180_000);

  it("after the notice period, with the batch not yet marked published: no invitation to object, and a warning", () => {
    const site = fresh();
    const r = buildSite({ content: sampleContent(), ...site, asOf: "2026-11-27", skipPosters: true });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain("好人榜批次“2026年第三批”（2026-3）的公示期已于 2026-11-25 结束");
    // What staff should read is not buried under a line per page (src/integrations/build-log.mjs); Astro's stages stay.
    // Without colours: Astro colours its log where it sees CI set.
    const plain = stripVTControlCharacters(r.log);
    expect(plain).not.toMatch(/├─|^ \(\+[\d.]+m?s\)/m);
    expect(plain).toMatch(/\[build\] \d+ page\(s\) built in [\d.]+s/);
    const batch = page(site.out, "good-people/batch/2026-3");
    expect(batch).toContain("公示期已结束");
    expect(batch).not.toContain("请在公示期内");
    expect(batch).not.toContain("公示中");
    expect(readFileSync(join(site.out, "feed.xml"), "utf8")).toContain("2026年第三批（公示期已结束）");
  }, 180_000);
});

describe("photo names as phones and staff write them", () => {
  it("upper-case extensions, Chinese names, spaces and parentheses build and show the photo", () => {
    const content = sampleContent();
    const renames: [string, string, string][] = [
      ["zhao-min", "赵敏 照片.JPG", "zhao-min.md"],
      ["yang-fan", "IMG 2041.Jpeg", "yang-fan.md"],
      // A copy as Windows names it: parentheses in the published file's name too.
      ["wang-guilan", "IMG_2042 (1).jpg", "wang-guilan.md"],
    ];
    for (const [old, name, file] of renames) {
      renameSync(join(content, "good-people/photos", `${old}.jpg`), join(content, "good-people/photos", name));
      const md = join(content, "good-people/people", file);
      writeFileSync(md, readFileSync(md, "utf8").replace(`photo: photos/${old}.jpg`, `photo: "photos/${name}"`));
    }
    const site = fresh();
    const r = buildSite({ content, ...site, skipPosters: true });
    expect(r.code, r.log).toBe(0);
    for (const [old] of renames) {
      const html = page(site.out, `good-people/${old}`);
      const src = /<img[^>]+class="portrait"[^>]*src="([^"]+)"/.exec(html)?.[1] ?? /<img[^>]*src="([^"]+)"[^>]*class="portrait"/.exec(html)?.[1];
      expect(src, html.slice(0, 200)).toBeDefined();
      expect(existsSync(join(site.out, decodeURI(src ?? "")))).toBe(true);
    }
    expect(readdirSync(join(site.out, "..")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  }, 180_000);
});

describe("the site's colours and logo", () => {
  it("recolour the whole site and put the logo in the header", async () => {
    const content = sampleContent();
    mkdirSync(join(content, "images"), { recursive: true });
    // Saved by an editor that kept who made it and where (a PNG's eXIf chunk).
    await sharp({ create: { width: 120, height: 120, channels: 4, background: "#0b5d3b" } })
      .withExif({ IFD0: { Artist: "王五 13912345678" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1" } })
      .png()
      .toFile(join(content, "images", "logo.png"));
    const settings = join(content, "site.yaml");
    writeFileSync(settings, readFileSync(settings, "utf8").replace('primary: "#A8201A"', 'primary: "#0B5D3B"').replace("emblem: 文明", "emblem: 文明\nlogo: images/logo.png"));
    const site = fresh();
    const r = buildSite({ content, ...site, skipPosters: true });
    expect(r.code, r.log).toBe(0);
    const css = readFileSync(join(site.out, "theme.css"), "utf8");
    expect(css).toContain("--primary:#0b5d3b");
    const home = page(site.out, "");
    expect(home).toContain('href="/theme.css"');
    const logo = /<img class="brand-logo" src="([^"]+)"/.exec(home)?.[1];
    expect(logo).toBe("/site-logo.png");
    // The logo as drawn, without the file's metadata; nothing else of it is published.
    const published = await sharp(join(site.out, "site-logo.png")).metadata();
    expect([published.width, published.height, published.exif]).toEqual([120, 120, undefined]);
    expect(readdirSync(join(site.out, "_astro")).filter((f) => f.startsWith("logo."))).toEqual([]);
    expect(home).not.toContain("brand-emblem");
  }, 180_000);
});

describe("two builds at once in one folder", () => {
  it("the second stops with a clear message and the first finishes", async () => {
    const content = sampleContent();
    const site = fresh();
    const env = {
      ...process.env,
      AS_OF: "2026-11-22",
      WENMING_CONTENT: content,
      WENMING_OUT: site.out,
      WENMING_CACHE: join(site.caches, "wenming"),
      WENMING_ASTRO_CACHE: join(site.caches, "astro"),
      SKIP_POSTERS: "1",
    };
    const first = spawn(process.execPath, ["scripts/build.ts"], { env });
    let firstLog = "";
    first.stdout.on("data", (d: Buffer) => (firstLog += d.toString()));
    first.stderr.on("data", (d: Buffer) => (firstLog += d.toString()));
    // Wait until the first build holds the lock (it says so when it starts building).
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (firstLog.includes("构建站点")) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    const second = buildSite({ content, ...site, skipPosters: true, env: { WENMING_LOCK_WAIT: "0" } });
    expect(second.code).toBe(1);
    expect(second.log).toContain("另一个构建");
    expect(second.log).toContain("本次构建已停止");
    const code = await new Promise<number | null>((resolve) => first.on("close", resolve));
    expect(code, firstLog).toBe(0);
    expect(existsSync(join(site.out, "index.html"))).toBe(true);
  }, 180_000);
});
