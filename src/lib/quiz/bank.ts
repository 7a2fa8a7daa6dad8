/** The question bank as pages and bank.json publish it: each question with its source's label and link. */
import { chineseNumeral } from "../../primitives/text.ts";
import type { Question } from "../../schemas/quiz.ts";
import { urls } from "../site/urls.ts";
import type { QuizQuestion } from "./quiz.ts";

/** Lookups of the cited content (collections.ts conventionById / guideById). */
interface Sources {
  conventionById: (id: string) => { data: { title: string } } | undefined;
  guideById: (id: string) => { data: { title: string } } | undefined;
}

/** Source label and link; the loader has checked that the convention article or guide exists. */
export function withSource(q: Question, s: Sources): QuizQuestion {
  const { id, type, question, options, answer, explanation } = q;
  const { guide, convention = "", article = 1 } = q.source;
  if (guide) {
    const g = s.guideById(guide);
    return { id, type, question, options, answer, explanation, source: { label: `文明礼仪：${g?.data.title ?? guide}`, href: urls.guide(guide) } };
  }
  const c = s.conventionById(convention);
  return { id, type, question, options, answer, explanation, source: { label: `${c?.data.title ?? convention} 第${chineseNumeral(article)}条`, href: urls.article(convention, article) } };
}

/** The printable sheet's questions: `n` spread evenly over the bank, the same on every build of the same bank. */
export function sheetQuestions<T>(bank: readonly T[], n: number): T[] {
  const count = Math.min(n, bank.length);
  return Array.from({ length: count }, (_, i) => bank[Math.floor((i * bank.length) / count)] as T);
}
