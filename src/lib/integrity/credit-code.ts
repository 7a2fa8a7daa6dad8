/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters; position 1 registering
 * authority, 2 entity type, 3–8 administrative region, 9–17 organisation
 * code, 18 check character.
 */
import { normaliseCode } from "../text.ts";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem =
  | { kind: "length"; received: string; length: number }
  | { kind: "charset"; received: string; char: string; position: number }
  | { kind: "region"; received: string }
  | { kind: "check"; received: string; expected: string };

export type CreditCodeResult = { ok: true; code: string } | { ok: false; code: string; problem: CreditCodeProblem };

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] ?? "") * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? "";
}

/** Normalises (NFKC, no spaces, upper case) and checks a credit code. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = normaliseCode(input);
  if ([...code].length !== 18) return { ok: false, code, problem: { kind: "length", received: code, length: [...code].length } };
  for (let i = 0; i < 18; i++) {
    const char = code[i] ?? "";
    if (!ALPHABET.includes(char)) return { ok: false, code, problem: { kind: "charset", received: code, char, position: i + 1 } };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, code, problem: { kind: "region", received: code } };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, code, problem: { kind: "check", received: code, expected: code.slice(0, 17) + expected } };
  return { ok: true, code };
}

/** Chinese sentence for a credit-code problem, as staff read it. */
export function describeCreditCodeProblem(p: CreditCodeProblem): string {
  switch (p.kind) {
    case "length":
      return `长度错误：收到 ${p.received}（${p.length} 位），应为 18 位`;
    case "charset":
      return `含非法字符：收到 ${p.received}，第 ${p.position} 位“${p.char}”不可用，应为数字或 ${ALPHABET.slice(10)} 中的字母（不含 I、O、S、V、Z）`;
    case "region":
      return `行政区划码错误：收到 ${p.received}，第 3–8 位应为数字`;
    case "check":
      return `校验位错误：收到 ${p.received}，应为 ${p.expected}`;
  }
}
