import { describe, expect, it } from "vitest";
import { decodePostings, encodePostings, recordFile, RECORDS_PER_FILE, searchLists, shardOf, textWords, wordKeys, type ChosenFilters, type ListIndexMeta } from "../../../src/lib/search/list-index.ts";
import { listIndexFiles, type ListIndexInput } from "../../../src/lib/search/list-index-files.ts";
import { markedParts } from "../../../src/lib/search/results.ts";

/** A seeded random source (mulberry32), so a failure can be run again. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("postings", () => {
  it("decode to exactly the records encoded, whichever encoding is shortest (2,000 random sets)", () => {
    const random = rng(1);
    const letters = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const count = 1 + Math.floor(random() * (i % 100 === 0 ? 300_000 : 3000));
      // Empty, sparse, about half, dense and full sets.
      const density = [0, 0.001, 0.02, 0.5, 0.97, 1][i % 6]!;
      const members: number[] = [];
      for (let n = 0; n < count; n++) if (random() < density) members.push(n);
      const encoded = encodePostings(members, count);
      letters.add(encoded[0]!);
      // No digits: the site's scan for ID and mobile numbers must never find one in the index.
      expect(encoded).not.toMatch(/[0-9]/);
      const flags = decodePostings(encoded, count);
      expect(flags.length).toBe(count);
      const decoded: number[] = [];
      flags.forEach((f, n) => f && decoded.push(n));
      expect(decoded, `count ${count}, density ${density}`).toEqual(members);
    }
    expect([...letters].sort()).toEqual(["b", "c", "m"]);
  });

  it("of a word every record holds, or none but one, take a few bytes, not one a record", () => {
    const all = Array.from({ length: 100_000 }, (_, n) => n);
    expect(encodePostings(all, 100_000).length).toBeLessThan(10);
    expect(
      encodePostings(
        all.filter((n) => n !== 5),
        100_000,
      ).length,
    ).toBeLessThan(10);
    expect(encodePostings([99_999], 100_000).length).toBeLessThan(10);
  });

  it("refuse what they cannot read, in Chinese", () => {
    expect(() => decodePostings("x", 3)).toThrow(/无法识别/);
    expect(() => decodePostings(encodePostings([7], 8), 3)).toThrow(/超出范围/);
  });
});

const SECTIONS = ["红榜", "黑榜"];
const YEARS = ["2026", "2025", "2024"];
const NAMES = ["永盛商贸", "海川电子", "华康餐饮", "蓝天化工", "金明建材", "宏福物流"];
const REASONS = ["拖欠农民工工资", "欠缴税款", "虚假宣传", "食品安全违法", "守信激励", "纳税信用A级", "无证经营"];
const AUTHORITIES = ["市场监督管理局", "税务局", "人力资源和社会保障局"];

/** Records as the build orders them: list by list, each newest (year) first. */
function corpus(random: () => number, size: number): ListIndexInput[] {
  const records: ListIndexInput[] = [];
  for (const section of SECTIONS)
    for (const year of YEARS)
      for (let i = Math.floor(random() * size); i > 0; i--) {
        const name = `示例市${NAMES[Math.floor(random() * NAMES.length)]}有限公司`;
        const code = `91110000MA0${String(records.length).padStart(7, "0")}`;
        const text = [name, "法人", code, REASONS[Math.floor(random() * REASONS.length)], AUTHORITIES[Math.floor(random() * AUTHORITIES.length)]].join("。");
        records.push({ url: `/integrity/${section}/${records.length}/`, title: name, section, date: `${year}-05-01`, year, text, own: `${name} ${code}` });
      }
  return records;
}

/** The lists' search over the files the build writes, read from memory. */
async function search(files: Map<string, string>, words: string[], filters: ChosenFilters = {}) {
  const meta = JSON.parse(files.get("meta.json")!) as ListIndexMeta;
  const asked: number[] = [];
  const found = await searchLists(meta, words, filters, (n) => {
    asked.push(n);
    return Promise.resolve(JSON.parse(files.get(`w/${n}.json`) ?? "{}") as Record<string, string>);
  });
  return { meta, found, asked };
}

describe("searching the lists' index", () => {
  it("finds a Chinese word by any part of it, and letters and digits by their beginning", () => {
    expect(wordKeys("有限公司")).toEqual(expect.arrayContaining(["有限公司", "有限", "公司", "限公", "司"]));
    expect(wordKeys("91110000MA0")).toEqual(expect.arrayContaining(["9", "9111", "91110000MA0"]));
    expect(wordKeys("91110000MA0")).not.toContain("MA0");
    expect(wordKeys("𠀋𠀋")).toEqual(["𠀋", "𠀋𠀋"]);
  });

  it("never makes a key of 11 digits or more from a longer word: no beginning of a credit code looks like a mobile number", () => {
    for (const code of ["139901001234567890", "91110000MA01234567", "13812345678901"]) {
      const keys = wordKeys(code.toLowerCase());
      expect(keys).toContain(code.toLowerCase());
      expect(keys.filter((k) => k !== code.toLowerCase() && /\d{11}/.test(k))).toEqual([]);
    }
  });

  it("finds exactly the records holding every word, the subject's own first, with exact counts (300 random corpora and queries)", async () => {
    const random = rng(2);
    const vocabulary = [...new Set([...NAMES, ...REASONS, ...AUTHORITIES, "示例市", "有限公司", "公司", "法人", "限公", "工资", "9111", "MA0", "91110000MA00000012"].flatMap(textWords))];
    for (let round = 0; round < 300; round++) {
      const records = corpus(random, round % 7 === 0 ? 0 : 1 + (round % 40));
      const files = listIndexFiles(records);
      const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.1 ? "魑魅" : vocabulary[Math.floor(random() * vocabulary.length)]!));
      const query = [...new Set(words)];
      const filters: ChosenFilters = [{}, { 栏目: ["黑榜"] }, { 年份: ["2025", "2024"] }, { 栏目: ["红榜"], 年份: ["2026"] }, { 地区: ["东城区"] }][round % 5]!;
      const { found, meta, asked } = await search(files, query, filters);

      // A query word is found in a word of the entry: anywhere in a Chinese word, at the start of any other.
      const within = (text: string, w: string) => textWords(text).some((t) => t === w || (/\p{Script=Han}/u.test(t) ? t.includes(w) && [...w].length <= 12 : t.startsWith(w) && w.length <= 10));
      const holds = (r: ListIndexInput) => query.every((w) => within(r.text, w));
      const own = (r: ListIndexInput) => query.every((w) => within(r.own, w));
      const passes = (r: ListIndexInput) => !filters["地区"] && (!filters["栏目"] || filters["栏目"].includes(r.section)) && (!filters["年份"] || filters["年份"].includes(r.year));
      const numbered = records.map((r, n) => ({ r, n }));
      const expected = [...numbered.filter(({ r }) => holds(r) && passes(r) && own(r)), ...numbered.filter(({ r }) => holds(r) && passes(r) && !own(r))].map(({ n }) => n);
      const context = `round ${round}: ${query.join(" ")} ${JSON.stringify(filters)}`;
      expect(found.records, context).toEqual(expected);
      expect(found.byTitle, context).toBe(numbered.filter(({ r }) => holds(r) && passes(r) && own(r)).length);
      const counts: Record<string, Record<string, number>> = { 栏目: {}, 年份: {} };
      for (const r of records.filter(holds)) {
        counts["栏目"]![r.section] = (counts["栏目"]![r.section] ?? 0) + 1;
        counts["年份"]![r.year] = (counts["年份"]![r.year] ?? 0) + 1;
      }
      if (records.length > 0 && records.some(holds)) expect(found.counts, context).toEqual(counts);
      expect(found.unknown, context).toEqual(query.filter((w) => !records.some((r) => within(r.text, w))));
      // One shard file a word at most, and only the words' own.
      if (records.length > 0) expect(new Set(asked), context).toEqual(new Set(query.map((w) => shardOf(w, meta.shards))));
    }
  });

  it("shows each record as its result: its link, name, list, date and text, and nothing else", () => {
    const records = corpus(rng(3), 20);
    const files = listIndexFiles(records);
    expect(records.length).toBeGreaterThan(RECORDS_PER_FILE * 2);
    records.forEach((r, n) => {
      const { file, at } = recordFile(n);
      expect((JSON.parse(files.get(file)!) as unknown[])[at], `record ${n}`).toEqual({ url: r.url, title: r.title, section: r.section, date: r.date, text: r.text });
    });
    expect([...files.keys()].filter((k) => k.startsWith("r/")).length).toBe(Math.ceil(records.length / RECORDS_PER_FILE));
  });

  it("refuses records not grouped by list and year: their counts would be wrong", () => {
    const [a, b, c] = corpus(rng(4), 30).filter((r, i, all) => all.findIndex((x) => x.year === r.year && x.section === r.section) === i);
    expect(() => listIndexFiles([a!, b!, { ...c!, section: a!.section, year: a!.year }])).toThrow(/未按栏目和年份排列/);
  });

  it("keeps shard files small as the lists grow: a query fetches one a word", () => {
    const files = listIndexFiles(corpus(rng(5), 3000));
    const meta = JSON.parse(files.get("meta.json")!) as ListIndexMeta;
    expect(meta.shards).toBeGreaterThan(1);
    const sizes = [...files].filter(([k]) => k.startsWith("w/")).map(([, v]) => v.length);
    expect(Math.max(...sizes)).toBeLessThan(40_000);
  });
});

describe("a list entry's excerpt", () => {
  it("marks every occurrence of every word, and is the text itself, cut to a window around the first", () => {
    const random = rng(6);
    const pieces = ["示例市", "永盛", "商贸", "有限公司", "。", "拖欠", "工资", "ABC", "abc", "𠀋", "税款", "，"];
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const words = [pieces[Math.floor(random() * 8)]!.toLocaleLowerCase()];
      const parts = markedParts(text, words);
      const joined = parts.map((p) => p.text).join("");
      const core = joined.replace(/^…/, "").replace(/…$/, "");
      expect(text, text).toContain(core);
      // Nothing split inside a character.
      expect(core, text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      for (const p of parts.filter((p) => p.marked)) expect(p.text.toLocaleLowerCase().replaceAll(words[0]!, ""), text).toBe("");
      const unmarked = parts
        .filter((p) => !p.marked)
        .map((p) => p.text.toLocaleLowerCase())
        .join("|");
      expect(unmarked.includes(words[0]!), `${text} / ${words[0]}`).toBe(false);
      if (text.toLocaleLowerCase().includes(words[0]!)) expect(parts.some((p) => p.marked)).toBe(true);
    }
  });
});
