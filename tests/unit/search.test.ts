import { describe, expect, it } from "vitest";
import { cleanExcerpt, hasMatch, markedText, queryWords } from "../../src/lib/search/results.ts";
import { segmentChinese, segmentHtmlForIndex } from "../../src/lib/search/segment.ts";

describe("search helpers", () => {
  it("segments Chinese like the browser, with zero-width spaces", () => {
    expect(segmentChinese("李建国跳入清河").split("\u200B")).toEqual(["李", "建国", "跳入", "清河"]);
    expect(segmentChinese("AB 12")).toBe("AB 12");
  });
  it("segments the whole text as each run of Chinese characters alone would be (20,000 random texts)", () => {
    // The reference: every maximal run of Chinese characters segmented on its own, its words joined by U+200B.
    const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    const runWise = (text: string) => text.replace(/[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu, (run) => Array.from(segmenter.segment(run), (s) => s.segment).join("\u200B"));
    // Names, words, digits, letters, Chinese and Latin punctuation, kana, spaces, a variation selector and a
    // combining mark after a character, characters outside the basic plane, emoji, full-width forms.
    const alphabet = [
      ..."李建国跳入清河王桂兰电动车头盔文明城市诚信红黑榜志愿服务有限责任公司示例市闫娜倩",
      ..."0123456789abcXYZ",
      ..."。，、！？“”《》（）·—-_/",
      " ",
      "\n",
      "\u3000",
      "\u200B",
      ..."かなカナー々〇〆〡ｰｶﾞ⺀",
      "\uFE00",
      "\u0301",
      "\u{20000}",
      "\u{2A700}",
      "\u{30000}",
      "豈",
      "🙂",
      "ａ",
      "１",
    ];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(segmentChinese(text), JSON.stringify(text)).toBe(runWise(text));
    }
  });
  it("segments page text but not filter values or markup", () => {
    const html = '<main data-pagefind-body><span data-pagefind-filter="栏目">好人榜</span><h1 class="王桂兰">王桂兰</h1></main>';
    expect(segmentHtmlForIndex(html)).toBe('<main data-pagefind-body><span data-pagefind-filter="栏目">好人榜</span><h1 class="王桂兰">王\u200B桂\u200B兰</h1></main>');
  });
  it.each([
    ["王桂兰", ["王", "桂", "兰"]],
    ["永盛 纺织", ["永", "盛", "纺织"]],
    ["电动车头盔！", ["电", "动", "车", "头盔"]],
  ])("queryWords(%s)", (q, words) => expect(queryWords(q)).toEqual(words));
  it("reads highlights and cleans excerpts", () => {
    const excerpt = "<mark>李</mark>\u200B<mark>建国</mark>\u200B跳入";
    expect(hasMatch(excerpt)).toBe(true);
    expect(markedText(excerpt)).toBe("李建国");
    expect(cleanExcerpt(excerpt)).toBe("<mark>李</mark><mark>建国</mark>跳入");
    expect(hasMatch("没有高亮")).toBe(false);
  });
});
