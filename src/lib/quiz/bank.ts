/** The question bank as pages and bank.json publish it: each question with its source's label and link. */
import type { CollectionEntry } from "astro:content";
import { chineseNumeral } from "../../primitives/text.ts";
import type { Question } from "../../schemas/quiz.ts";
import { urls } from "../site/urls.ts";
import type { QuizQuestion } from "./quiz.ts";

interface Sources {
  conventionById: (id: string) => CollectionEntry<"conventions"> | undefined;
  guideById: (id: string) => CollectionEntry<"etiquette"> | undefined;
}

/** Source label and link; the loader has checked that the convention article or guide exists. */
export function withSource(q: Question, s: Sources): QuizQuestion {
  const { id, type, question, options, answer, explanation } = q;
  if ("guide" in q.source) {
    const g = s.guideById(q.source.guide);
    return { id, type, question, options, answer, explanation, source: { label: `文明礼仪：${g?.data.title ?? q.source.guide}`, href: urls.guide(q.source.guide) } };
  }
  const c = s.conventionById(q.source.convention);
  return {
    id,
    type,
    question,
    options,
    answer,
    explanation,
    source: { label: `${c?.data.title ?? q.source.convention} 第${chineseNumeral(q.source.article)}条`, href: urls.article(q.source.convention, q.source.article) },
  };
}

/** The printable sheet's questions: `n` spread evenly over the bank, the same on every build of the same bank. */
export function sheetQuestions<T>(bank: readonly T[], n: number): T[] {
  const count = Math.min(n, bank.length);
  return Array.from({ length: count }, (_, i) => bank[Math.floor((i * bank.length) / count)] as T);
}
