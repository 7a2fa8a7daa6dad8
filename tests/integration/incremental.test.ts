/**
 * Publication truth, property: after any change to any content kind — a
 * field, a body, a photo, the site settings, the as-of date — an incremental
 * build publishes exactly what a cold build of the same content publishes:
 * pages, search index, feeds, open data, sitemap, share images and posters.
 * Each step changes the content further, rebuilds the same output with the
 * same caches, builds the same content cold beside it, and compares the two
 * sites file by file (site-diff.ts). The incremental builds run Astro in a
 * process of its own, as a large site's build does (WENMING_BUILD_STAGES=two),
 * and the cold ones in one process, so the two ways agree as well. The workbench's 预览 builds in one
 * process kept between builds (src/lib/build/warm-builder.ts): that process
 * builds every step too, and its site must equal the cold one as well.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WarmBuilder } from "../../src/lib/build/warm-builder.ts";
import { recordFile, type KeptRecord } from "../../src/lib/build/kept-pages.ts";
import { composeCreditCode } from "../../src/lib/integrity/credit-code.ts";
import { buildSite, sampleContent } from "./helpers.ts";
import { siteDifferences } from "./site-diff.ts";
import { pdf } from "../fixtures/documents.ts";

const work = mkdtempSync(join(tmpdir(), "wenming-incremental-"));
const content = sampleContent();
const warm = { out: join(work, "warm", "dist"), caches: join(work, "warm", "caches"), env: { WENMING_BUILD_STAGES: "two" } };
/** The 预览 builds' process, as the workbench runs it (a preview: it records no list entry as published). */
const kept = { out: join(work, "kept", "dist"), caches: join(work, "kept", "caches") };
const builder = new WarmBuilder({
  cwd: process.cwd(),
  env: { WENMING_CONTENT: content, WENMING_OUT: kept.out, WENMING_CACHE: join(kept.caches, "wenming"), WENMING_ASTRO_CACHE: join(kept.caches, "astro"), WENMING_PREVIEW: "1" },
});

let keptPid: number | undefined;

/** Pages each incremental build kept from the published site (kept-pages.ts). */
const keptCounts: number[] = [];

/** A build in the kept process; its log for the assertion message. */
async function keptBuild(): Promise<{ code: number; log: string }> {
  const lines: string[] = [];
  const code = await builder.build(asOf, (line) => lines.push(line));
  return { code, log: lines.join("\n") };
}

/** Replaces one piece of text in a content file; fails loudly when the text is not there. */
function edit(rel: string, from: string | RegExp, to: string): void {
  const path = join(content, rel);
  const text = readFileSync(path, "utf8");
  if (!(typeof from === "string" ? text.includes(from) : from.test(text))) throw new Error(`${rel} does not contain “${String(from)}”`);
  writeFileSync(path, text.replace(from, to));
}

/** A small solid PNG as a stand-in logo. */
function logo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

// Posters are keyed by their input and tested elsewhere; fewer sizes keep each build short while
// still covering a raster, a PDF and the ZIP of every ad.
for (const name of readdirSync(join(content, "ads"))) {
  const path = join(content, "ads", name);
  writeFileSync(path, `${readFileSync(path, "utf8").replace(/^sizes:.*(\n\s+-.*)*\n?/m, "")}\nsizes: [${name === "yangquan.yaml" ? "square, poster-50x70" : "square"}]\n`);
}

// The office's logo, so that a new logo picture is one of the changes.
mkdirSync(join(content, "images"), { recursive: true });
writeFileSync(join(content, "images", "logo.png"), await logo("#a8201a"));
writeFileSync(join(content, "site.yaml"), readFileSync(join(content, "site.yaml"), "utf8").replace("emblem: 文明", "emblem: 文明\nlogo: images/logo.png"));

// A black list long enough for three pages of the whole list (50 a page), so that a correction can leave pages
// that do not show it: 120 entries listed in October 2026, newer than the sample's (their first two pages).
const SYLLABLES = [
  ["安", "宝", "昌", "达", "丰", "广", "海", "恒", "嘉", "金", "康", "乐"],
  ["源", "泰", "盛", "顺", "德", "和", "利", "兴", "隆", "鑫"],
] as const;
writeFileSync(
  join(content, "integrity/black/2026-10.csv"),
  [
    readFileSync(join(content, "integrity/black/2026-11.csv"), "utf8").split("\n")[0],
    ...Array.from({ length: 120 }, (_, i) => {
      const name = `示例市${SYLLABLES[0][i % 12] ?? ""}${SYLLABLES[1][Math.floor(i / 12)] ?? ""}商贸有限公司`;
      const day = String(1 + (i % 28)).padStart(2, "0");
      const code = composeCreditCode("91990100", `T${String(i).padStart(7, "0")}`);
      return `2026-10-${String(i + 1).padStart(3, "0")},${name},法人,${code},,王某,,未按期履行行政处罚决定（第 ${i + 1} 项）,《示例市社会信用条例》第三十二条,${i % 2 ? "示例市市场监督管理局" : "示例市生态环境局"},示市监罚〔2026〕${300 + i}号,2026-10-${day},一般,2027-10-${day},公示中,,,示例市公共信用信息平台`;
    }),
    "",
  ].join("\n"),
);

let asOf = "2026-11-22";

/** One change to the content, and a text the changed site must show (so the change is not a no-op). */
interface Change {
  name: string;
  change: () => void | Promise<void>;
  shows: [file: string, text: string][];
  /** Files the changed site must no longer have (a deleted item's page). */
  gone?: string[];
  /** A list's entries change: a build in two processes indexes that list in its index stage. */
  lists?: true;
  /** Pages of the published site the incremental build must render again (they show the change) or keep as they were. */
  pages?: { rendered: string[]; kept: string[] };
}

const changes = {
  story: {
    name: "a good person's story (body only)",
    change: () => edit("good-people/people/zhao-min.md", "赵敏师范毕业后", "赵敏老师师范毕业后"),
    shows: [["good-people/zhao-min/index.html", "赵敏老师师范毕业后"]],
  },
  personField: {
    name: "a good person's front-matter fields",
    change: () => {
      edit("good-people/people/zhao-min.md", "summary: 乡村教师赵敏", "summary: 乡村女教师赵敏");
      // Shown on the pages of the others of her batch and category (a person's page is keyed by its batch's people).
      edit("good-people/people/zhao-min.md", "region: 南湖区", "region: 高新区");
    },
    shows: [
      ["good-people/zhao-min/index.html", "乡村女教师赵敏"],
      ["good-people/ma-lihua/index.html", "赵敏</a>（高新区）"],
    ],
  },
  photo: {
    name: "a good person's photo (same file name, new picture)",
    change: () => copyFileSync(join(content, "good-people/photos/yang-fan.jpg"), join(content, "good-people/photos/zhao-min.jpg")),
    shows: [["good-people/zhao-min/index.html", "zhao-min"]],
    // Another batch's person with a photo: kept, with the photo's optimised images linked along (kept-pages.ts: assets).
    pages: { rendered: ["good-people/zhao-min/index.html"], kept: ["good-people/yang-fan/index.html"] },
  },
  newsDeleted: {
    name: "a news item deleted",
    change: () => rmSync(join(content, "news/2026-11-meiti-haoren.md")),
    shows: [["news/index.html", "工作动态与通知公告"]],
    gone: ["news/2026-11-meiti-haoren/index.html"],
  },
  batch: {
    name: "a batch's title",
    change: () => edit("good-people/batches.yaml", "title: 2026年第二批", "title: 2026年第二批（更正）"),
    shows: [["good-people/zhao-min/index.html", "2026年第二批（更正）"]],
  },
  lists: {
    name: "one red-list and one black-list entry",
    lists: true,
    change: () => {
      edit("integrity/red/2026-11.csv", "海关高级认证企业", "海关高级认证企业（AEO）");
      edit("integrity/black/2026-11.csv", "欠缴税款 128 万元", "欠缴税款 129 万元");
      // The name of the 67th newest black-list entry (2026-10-040, listed 2026-10-12, after 64 of the long batch and
      // one of the sample's): on the list's second page. The entry above is on its third (listed 2026-09-10).
      edit("integrity/black/2026-10.csv", "示例市达顺商贸有限公司", "示例市达顺商贸有限责任公司");
    },
    shows: [
      ["integrity/black/2026-11-001/index.html", "欠缴税款 129 万元"],
      ["integrity/red/2026-11-001/index.html", "海关高级认证企业（AEO）"],
      ["integrity/black/2026-10-040/index.html", "示例市达顺商贸有限责任公司"],
      ["integrity/black/page/2/index.html", "示例市达顺商贸有限责任公司"],
    ],
    // Each list page is keyed by the entries it shows and the list's order and counts (listPageKey): the first page
    // shows neither corrected entry, and the entry beside the corrected one has a page of its own.
    pages: {
      rendered: ["integrity/black/page/2/index.html", "integrity/black/2026-10-040/index.html"],
      kept: ["integrity/black/index.html", "integrity/black/2026-10-039/index.html"],
    },
  },
  listsReverted: {
    name: "the two list entries back as they were two builds ago, and a published page edited by hand",
    change: () => {
      edit("integrity/red/2026-11.csv", "海关高级认证企业（AEO）", "海关高级认证企业");
      edit("integrity/black/2026-11.csv", "欠缴税款 129 万元", "欠缴税款 128 万元");
      // Pages of the published site are kept only if they are the files the last build wrote (kept-pages.ts).
      for (const site of [warm.out, kept.out]) {
        const page = join(site, "integrity/red/2026-11-002/index.html");
        writeFileSync(page, readFileSync(page, "utf8").replace("</main>", "<p>手工改动</p></main>"));
      }
    },
    shows: [
      ["integrity/black/2026-11-001/index.html", "欠缴税款 128 万元"],
      ["integrity/red/2026-11-001/index.html", "海关高级认证企业"],
    ],
  },
  authorityGone: {
    name: "the only black-list entry of one authority moved to another (that authority's page goes)",
    change: () => edit("integrity/black/2026-11.csv", "示例市中级人民法院", "示例市交通运输局"),
    shows: [["integrity/black/authority/示例市交通运输局/index.html", "张某强"]],
    gone: ["integrity/black/authority/示例市中级人民法院/index.html"],
  },
  convention: {
    name: "two convention articles, one of them quoted by guides",
    change: () => {
      edit("conventions/shimin-gongyue.yaml", "维护社会公共秩序", "自觉维护社会公共秩序");
      // Article 7 is quoted on the 控烟 and 排队 guides' pages, which nothing else in this step changes.
      edit("conventions/shimin-gongyue.yaml", "说话轻声，", "说话轻声细语，");
    },
    shows: [
      ["conventions/shimin-gongyue/index.html", "自觉维护社会公共秩序"],
      ["etiquette/paidui-yimixian/index.html", "说话轻声细语"],
    ],
  },
  adSlogan: {
    // Shown on its own page and on a guide's page (its poster), which nothing else in this step changes.
    name: "an ad's slogan",
    change: () => edit("ads/yangquan.yaml", "牵好绳 清好便", "牵好绳 清好粪"),
    shows: [
      ["ads/yangquan/index.html", "牵好绳 清好粪"],
      ["etiquette/yangquan-qianshen/index.html", "牵好绳 清好粪"],
    ],
  },
  guideField: {
    name: "an etiquette guide's front-matter fields (its title is listed on a convention's page)",
    change: () => {
      edit("etiquette/kongyan.mdx", "请到指定吸烟区", "请到指定的吸烟区");
      edit("etiquette/kongyan.mdx", "title: 控烟 无烟环境共守护", "title: 控烟 无烟环境人人守护");
    },
    shows: [
      ["etiquette/kongyan/index.html", "请到指定的吸烟区"],
      ["conventions/shimin-gongyue/index.html", "控烟 无烟环境人人守护"],
    ],
  },
  guideBody: {
    name: "an etiquette guide's body only",
    change: () => edit("etiquette/kongyan.mdx", /\n---\n([\s\S]*?)。/, "\n---\n$1，人人有责。"),
    shows: [["etiquette/kongyan/index.html", "人人有责"]],
  },
  services: {
    name: "a news body and attachment, an activity's time, a question and the handbook's foreword",
    change: async () => {
      edit("news/2026-11-laji-fenlei-dudao.md", "分类准确率提高了两成", "分类准确率提高了三成");
      writeFileSync(join(content, "news/files/zhiyuanzhe-baoming-biao.pdf"), await pdf([[["新版报名表"]]], { title: "Sign-up form, new edition" }));
      edit("volunteer/2026-12-dujulaoren-tanfang.yaml", "start: 2026-12-12 09:00", "start: 2026-12-12 09:30");
      edit("quiz/questions.yaml", "既卫生又能减少疾病传播", "既卫生又能减少疾病的传播");
      edit("handbook.yaml", "城市就多一分秩序和温度", "城市就多一分秩序、多一分温度");
    },
    shows: [
      ["news/2026-11-laji-fenlei-dudao/index.html", "提高了三成"],
      ["news/files/zhiyuanzhe-baoming-biao.pdf", "Sign-up form, new edition"],
      ["volunteer/2026-12-dujulaoren-tanfang.ics", "DTSTART:20261212T013000Z"],
      ["quiz/bank.json", "减少疾病的传播"],
      ["handbook/zhi-shimin/index.html", "多一分秩序、多一分温度"],
    ],
  },
  adPicture: {
    // The poster cache is keyed by the picture's bytes and the colours: same file name, new picture, another palette.
    name: "an ad's picture (same file name, new picture), its palette and a theme added in settings",
    change: () => {
      edit("images/qingming.svg", 'fill="#dcebd9"', 'fill="#f3e6c8"');
      edit("ads/wenming-jisao.yaml", "palette: 清明绿", "palette: 海洋蓝");
      edit("site.yaml", "  - 文明祭扫", "  - 文明祭扫\n  - 文明赏花");
    },
    shows: [["ads/wenming-jisao/index.html", "文明祭扫"]],
  },
  logo: {
    name: "the site's logo (same file name, new picture)",
    change: async () => writeFileSync(join(content, "images", "logo.png"), await logo("#0b5d3b")),
    shows: [["index.html", "brand-logo"]],
  },
  setting: {
    name: "a site setting",
    change: () => edit("site.yaml", "hours: 工作日 9:00—12:00", "hours: 工作日 8:30—12:00"),
    shows: [["good-people/batch/2026-3/index.html", "8:30—12:00"]],
  },
  asOf: {
    name: "the as-of date (entries expire, notice periods end)",
    change: () => {
      asOf = "2027-01-20";
    },
    shows: [["integrity/black/2026-11-002/index.html", "停止公示"]],
  },
} satisfies Record<string, Change>;

/**
 * Each step makes one or more changes, then compares an incremental build with a cold one (a build pair costs
 * most of a minute). Changes share a step only where neither can hide the other: they touch different kinds and
 * files, and none of them is global. A change that reaches every page (settings, the logo, the as-of date) or
 * shares a page with another (the photo and the batch title both show on one person's page) has a step of its own,
 * so a cache that missed it could not be covered by a rebuild the other forced.
 */
const steps: Change[][] = [
  // Guides, conventions and ads show each other: each of those changes is in a step of its own among them.
  [changes.story, changes.convention],
  [changes.personField, changes.guideField, changes.guideBody, changes.lists],
  // Pages kept from the published site (kept-pages.ts): a key seen two builds ago, a hand-edited page, a page gone.
  [changes.listsReverted],
  [changes.authorityGone],
  [changes.photo, changes.services, changes.adSlogan],
  [changes.batch, changes.newsDeleted],
  [changes.adPicture],
  [changes.logo],
  [changes.setting],
  [changes.asOf],
];

describe("an incremental build equals a cold build", () => {
  beforeAll(async () => {
    const first = buildSite({ content, ...warm, asOf });
    expect(first.code, first.log).toBe(0);
    const firstKept = await keptBuild();
    expect(firstKept.code, firstKept.log).toBe(0);
    keptPid = builder.pid;
  }, 300_000);
  afterAll(() => builder.close());

  it.each(steps.map((group, i) => [group.map((c) => c.name).join("; "), i] as const))(
    "after changing %s",
    async (_name, i) => {
      const group = steps[i];
      if (!group) throw new Error("no step");
      for (const c of group) await c.change();
      const published = JSON.parse(readFileSync(recordFile(warm.out), "utf8")) as KeptRecord;
      const incremental = buildSite({ content, ...warm, asOf });
      expect(incremental.code, incremental.log).toBe(0);
      expect(incremental.log).toContain("分两个进程构建");
      // What the one-process builds below must never say (the log's wording, shown here where it is expected).
      if (group.some((c) => c.lists)) expect(incremental.log).toMatch(/搜索索引：.*重建名单索引/);
      const again = await keptBuild();
      expect(again.code, again.log).toBe(0);
      // The same process each time: what is tested is a process that has built before.
      expect(builder.pid).toBe(keptPid);
      // Its log says where posters were rendered only when there were some.
      expect(again.log).not.toMatch(/新渲染 0 个（/);
      // In one process, the lists' index is made beside the pages (startListIndexes): the index stage never has to.
      expect(again.log).toMatch(/搜索索引：/);
      expect(again.log).not.toMatch(/搜索索引：.*重建名单索引|未能在生成页面的同时建好/);
      if (group.some((c) => c.lists)) expect(again.log).toMatch(/搜索索引：[^\n]*名单索引已与页面同时建好/);
      const cold = { out: join(work, `cold-${i}`, "dist"), caches: join(work, `cold-${i}`, "caches") };
      const coldBuild = buildSite({ content, ...cold, asOf, env: { WENMING_BUILD_STAGES: "one" } });
      expect(coldBuild.code, coldBuild.log).toBe(0);
      expect(coldBuild.log).not.toContain("分两个进程构建");
      expect(coldBuild.log).not.toMatch(/搜索索引：.*重建名单索引|未能在生成页面的同时建好/);
      for (const [file, text] of group.flatMap((c) => c.shows)) expect(readFileSync(join(cold.out, file), "utf8"), file).toContain(text);
      for (const file of group.flatMap((c) => c.gone ?? [])) expect(existsSync(join(cold.out, file)), file).toBe(false);
      expect(siteDifferences(warm.out, cold.out)).toEqual([]);
      expect(siteDifferences(kept.out, cold.out), "the kept build process's site").toEqual([]);
      const record = JSON.parse(readFileSync(recordFile(warm.out), "utf8")) as KeptRecord;
      for (const c of group) {
        // A kept page is the published file itself (the same inode, size and time); a rendered one is a new file.
        for (const file of c.pages?.kept ?? []) expect(record.pages[file]?.id, `${file} kept`).toBe(published.pages[file]?.id);
        for (const file of c.pages?.rendered ?? []) expect(record.pages[file]?.id, `${file} rendered`).not.toBe(published.pages[file]?.id);
      }
      keptCounts.push(Number(/沿用已发布的 (\d+) 页/.exec(incremental.log)?.[1] ?? 0));
    },
    300_000,
  );

  it("kept pages from the published site where they could, pages with optimised images among them", () => {
    // Otherwise the steps above would not have tested keeping at all.
    expect(Math.max(...keptCounts)).toBeGreaterThan(50);
    const record = JSON.parse(readFileSync(recordFile(warm.out), "utf8")) as KeptRecord;
    const files = Object.keys(record.pages);
    expect(files.length).toBeGreaterThan(50);
    // Astro's image transforms (<name>.<hash>_<hash>.webp) are made only for pages Astro renders or restores itself: a
    // kept page's are linked with it (kept-pages.ts: assets), so the sites above equal the cold ones only if that
    // works. Here: the people's pages and the news with covers were kept with their images.
    const optimised = /\/_astro\/[^"' ]+\.[\w-]{8}_[\w-]+\.(webp|avif|png|jpe?g|gif)/;
    const withImages = files.filter((file) => optimised.test(readFileSync(join(warm.out, file), "utf8")));
    expect(withImages.some((file) => file.startsWith("good-people/") && file.split("/").length === 3)).toBe(true);
    expect(withImages.some((file) => file.startsWith("news/"))).toBe(true);
    for (const file of withImages)
      expect(
        record.pages[file]?.assets?.some((asset) => optimised.test(`/${asset}`)),
        file,
      ).toBe(true);
    expect(readdirSync(warm.out).filter((name) => name.includes("kept-pages"))).toEqual([]);
  });
});
