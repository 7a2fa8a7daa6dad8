/**
 * The 市民文明手册's chapters, from the content: the foreword, the conventions
 * article by article, the etiquette guides, the volunteer guidance and the
 * 应知应会 list (each question with its answer). The reading pages on the site
 * and the printed booklet are drawn from this one model.
 */
import { chineseNumeral } from "../../primitives/text.ts";
import type { Convention } from "../../schemas/convention.ts";
import type { EtiquetteData } from "../../schemas/etiquette.ts";
import type { Handbook } from "../../schemas/handbook.ts";
import type { Question } from "../../schemas/quiz.ts";
import { OPTION_LETTERS } from "../../schemas/quiz.ts";

export interface Section {
  heading: string;
  /** Lines under the heading, e.g. a convention's scope. */
  meta?: string;
  paragraphs?: string[];
  /** Numbered items (convention articles, 应知应会). */
  ordered?: string[];
  /** Labelled lists (应该 / 不应该). */
  lists?: { label: string; items: string[] }[];
}

export interface Chapter {
  /** Stable id, used in the reading pages' URLs. */
  id: string;
  title: string;
  sections: Section[];
}

export interface HandbookSources {
  handbook: Handbook;
  conventions: readonly Convention[];
  guides: readonly { id: string; data: EtiquetteData }[];
  questions: readonly Question[];
}

/** 应知应会 as statements: the question and its correct option(s). */
function knowledge(q: Question): string {
  const answers = [...q.answer].map((l) => q.options[OPTION_LETTERS.indexOf(l)] ?? "").join("；");
  return `${q.question.replace(/[：:]$/, "")}——${answers}。`;
}

/** Chapters in a fixed order, whatever order the sources come in: conventions newest first, guides by scene (as the site lists them). */
export function handbookChapters(sources: HandbookSources): Chapter[] {
  const s = {
    ...sources,
    conventions: [...sources.conventions].sort((a, b) => b.adopted.localeCompare(a.adopted) || a.id.localeCompare(b.id)),
    guides: [...sources.guides].sort((a, b) => a.data.scene.localeCompare(b.data.scene, "zh-CN") || a.id.localeCompare(b.id)),
  };
  const chapters: Chapter[] = [{ id: "zhi-shimin", title: "致市民", sections: [{ heading: "", paragraphs: [...s.handbook.foreword] }] }];
  if (s.conventions.length > 0) {
    chapters.push({
      id: "wenming-gongyue",
      title: "文明公约",
      sections: s.conventions.map((c) => ({
        heading: c.title,
        meta: `${c.issuer} ${c.adopted} 通过 · 适用于${c.scope}`,
        ...(c.preamble ? { paragraphs: [c.preamble] } : {}),
        ordered: c.articles.map((a, i) => `第${chineseNumeral(i + 1)}条　${a}`),
      })),
    });
  }
  if (s.guides.length > 0) {
    chapters.push({
      id: "wenming-liyi",
      title: "文明礼仪",
      sections: s.guides.map((g) => ({
        heading: g.data.title,
        paragraphs: [g.data.summary],
        lists: [
          { label: "应该", items: g.data.dos },
          { label: "不应该", items: g.data.donts },
        ],
      })),
    });
  }
  chapters.push({ id: "zhiyuan-fuwu", title: "志愿服务指引", sections: s.handbook.volunteering.map((v) => ({ heading: v.heading, paragraphs: [...v.paragraphs] })) });
  if (s.questions.length > 0) chapters.push({ id: "yingzhi-yinghui", title: "应知应会", sections: [{ heading: "", ordered: s.questions.map(knowledge) }] });
  return chapters;
}
