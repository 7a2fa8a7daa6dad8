/**
 * The 应知应会 self-test's logic, shared by the page script (src/scripts/quiz.ts)
 * and the tests: drawing a round from the bank and scoring it. Runs in the
 * browser; nothing here leaves the device.
 */

/** A question as the page receives it (quiz/bank.json). */
export interface QuizQuestion {
  id: string;
  type: "单选" | "多选";
  question: string;
  options: string[];
  /** Letters of the correct options, e.g. "B" or "ACD". */
  answer: string;
  explanation: string;
  source: { label: string; href: string };
}

/** Points needed for the certificate. */
export const PASS_MARK = 90;

/** `n` different questions in random order (all of them when the bank is smaller); `random` returns [0, 1). */
export function drawQuestions<T>(bank: readonly T[], n: number, random: () => number = Math.random): T[] {
  const pool = [...bank];
  const count = Math.max(0, Math.min(n, pool.length));
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

/** True when exactly the correct options were chosen (a 多选 with one missing or one extra is wrong). */
export function isCorrect(q: Pick<QuizQuestion, "answer">, chosen: Iterable<string>): boolean {
  const picked = [...new Set(chosen)].sort().join("");
  return picked === [...q.answer].sort().join("");
}

export interface Score {
  /** 0–100, rounded to a whole number. */
  points: number;
  correct: number;
  total: number;
  /** Per question, in the order asked. */
  results: { id: string; correct: boolean }[];
  passed: boolean;
}

/** Scores a round: `answers` maps question id to the letters chosen (unanswered counts as wrong). */
export function scoreRound(questions: readonly Pick<QuizQuestion, "id" | "answer">[], answers: ReadonlyMap<string, Iterable<string>>): Score {
  const results = questions.map((q) => ({ id: q.id, correct: isCorrect(q, answers.get(q.id) ?? []) }));
  const correct = results.filter((r) => r.correct).length;
  const points = questions.length === 0 ? 0 : Math.round((100 * correct) / questions.length);
  return { points, correct, total: questions.length, results, passed: points >= PASS_MARK };
}

export const LETTERS = "ABCDEF";
