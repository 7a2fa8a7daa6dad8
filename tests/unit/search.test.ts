import { describe, expect, it } from "vitest";
import { cleanExcerpt, hasMatch, markedText, queryWords } from "../../src/lib/search/results.ts";
import { segmentChinese, segmentHtmlForIndex } from "../../src/lib/search/segment.ts";

describe("search helpers", () => {
  it("segments Chinese like the browser, with zero-width spaces", () => {
    expect(segmentChinese("李建国跳入清河").split("\u200B")).toEqual(["李", "建国", "跳入", "清河"]);
    expect(segmentChinese("AB 12")).toBe("AB 12");
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
