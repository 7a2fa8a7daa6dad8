/**
 * The pages' segmentation remembered in a build process kept between builds (index-files.ts: pageSegmenter): the
 * text Pagefind is given is always what segmenting gives; only pages whose text is new to the last index of the
 * same name are segmented again; a one-off build remembers nothing.
 */
import { describe, expect, it } from "vitest";
import { pageSegmenter } from "../../../src/lib/search/index-files.ts";
import { segmentHtmlForIndex } from "../../../src/lib/search/segment.ts";

const pages = {
  story: "<main data-pagefind-body><h1>赵敏</h1><p>赵敏师范毕业后回到家乡任教。</p></main>",
  guide: "<main data-pagefind-body><h1>文明养犬</h1><p>出门牵好绳，及时清理粪便。</p></main>",
  news: '<main data-pagefind-body><h1>垃圾分类督导</h1><span data-pagefind-filter="栏目">新闻</span><p>分类准确率提高了两成。</p></main>',
};
const edited = pages.story.replace("任教", "教书育人");

/** One index build's pages through the segmenter, as cachedIndex gives them to Pagefind; which texts were segmented. */
function round(name: string, texts: string[], kept = true): { given: string[]; segmented: string[] } {
  const segmented: string[] = [];
  const segment = pageSegmenter(name, kept, (text) => {
    segmented.push(text);
    return segmentHtmlForIndex(text);
  });
  return { given: texts.map(segment), segmented };
}

describe("pageSegmenter", () => {
  it("gives Pagefind what segmenting gives, build after build, and segments only what the last index did not have", () => {
    const first = round("pages-a", Object.values(pages));
    expect(first.segmented).toEqual(Object.values(pages));
    expect(first.given).toEqual(Object.values(pages).map((t) => segmentHtmlForIndex(t)));
    // The real segmentation: words joined by zero-width spaces where both sides are Chinese.
    expect(first.given[0]).toContain("师范\u200B毕业");
    const second = round("pages-a", [edited, pages.guide, pages.news, pages.guide]);
    expect(second.segmented).toEqual([edited]);
    expect(second.given).toEqual([edited, pages.guide, pages.news, pages.guide].map((t) => segmentHtmlForIndex(t)));
    // The story as it was two builds ago: not kept (only the last index's texts are), so segmented again.
    const third = round("pages-a", [pages.story]);
    expect(third.segmented).toEqual([pages.story]);
    expect(third.given).toEqual([first.given[0]]);
  });

  it("keeps each index's texts apart, and a one-off build keeps none", () => {
    round("pages-b", [pages.guide]);
    expect(round("other-b", [pages.guide]).segmented).toEqual([pages.guide]);
    round("pages-c", [pages.guide], false);
    expect(round("pages-c", [pages.guide], false).segmented).toEqual([pages.guide]);
  });
});
