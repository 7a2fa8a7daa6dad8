/** The self-test's draw and scoring: properties over many random banks and draws, and a table of answers. */
import { describe, expect, it } from "vitest";
import { drawQuestions, isCorrect, PASS_MARK, scoreRound } from "../../../src/lib/quiz/quiz.ts";
import { sheetQuestions } from "../../../src/lib/quiz/bank.ts";

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("drawQuestions", () => {
  it("draws min(n, bank) different questions from the bank, for 500 random banks and sizes", () => {
    const random = seeded(42);
    for (let run = 0; run < 500; run++) {
      const bank = Array.from({ length: Math.floor(random() * 60) }, (_, i) => `q${i}`);
      const n = Math.floor(random() * 70);
      const drawn = drawQuestions(bank, n, seeded(run));
      expect(drawn).toHaveLength(Math.min(n, bank.length));
      expect(new Set(drawn).size).toBe(drawn.length);
      for (const q of drawn) expect(bank).toContain(q);
    }
  });

  it("every question can be drawn, roughly equally often", () => {
    const bank = Array.from({ length: 40 }, (_, i) => i);
    const counts = new Array<number>(40).fill(0);
    const random = seeded(7);
    for (let i = 0; i < 4000; i++) for (const q of drawQuestions(bank, 10, random)) counts[q] = (counts[q] ?? 0) + 1;
    // 1,000 expected each; a fair draw stays well inside ±20 %.
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
  });

  it("does not change the bank", () => {
    const bank = ["a", "b", "c", "d"];
    drawQuestions(bank, 3, seeded(1));
    expect(bank).toEqual(["a", "b", "c", "d"]);
  });
});

describe("scoring", () => {
  it.each([
    { answer: "B", chosen: ["B"], correct: true },
    { answer: "B", chosen: ["A"], correct: false },
    { answer: "B", chosen: [], correct: false },
    { answer: "ACD", chosen: ["D", "A", "C"], correct: true },
    { answer: "ACD", chosen: ["A", "C"], correct: false },
    { answer: "ACD", chosen: ["A", "B", "C", "D"], correct: false },
    { answer: "AB", chosen: ["A", "A", "B"], correct: true },
  ])("answer $answer, chosen $chosen → $correct", ({ answer, chosen, correct }) => {
    expect(isCorrect({ answer }, chosen)).toBe(correct);
  });

  it("scores in whole points, unanswered counts as wrong, passes at 90", () => {
    const qs = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, answer: "A" }));
    for (let right = 0; right <= 10; right++) {
      const answers = new Map(qs.slice(0, right).map((q) => [q.id, ["A"]]));
      const s = scoreRound(qs, answers);
      expect(s.points).toBe(right * 10);
      expect(s.correct).toBe(right);
      expect(s.passed).toBe(right * 10 >= PASS_MARK);
      expect(s.results.filter((r) => r.correct)).toHaveLength(right);
    }
    expect(
      scoreRound(
        Array.from({ length: 3 }, (_, i) => ({ id: `${i}`, answer: "A" })),
        new Map([["0", ["A"]]]),
      ).points,
    ).toBe(33);
    expect(scoreRound([], new Map()).points).toBe(0);
  });
});

describe("the printable sheet", () => {
  it("takes n questions spread over the bank, in bank order, the same every time", () => {
    const bank = Array.from({ length: 46 }, (_, i) => i);
    const sheet = sheetQuestions(bank, 10);
    expect(sheet).toHaveLength(10);
    expect(new Set(sheet).size).toBe(10);
    expect(sheet).toEqual([...sheet].sort((a, b) => a - b));
    expect(sheetQuestions(bank, 10)).toEqual(sheet);
    expect(sheetQuestions([1, 2], 10)).toEqual([1, 2]);
  });
});
