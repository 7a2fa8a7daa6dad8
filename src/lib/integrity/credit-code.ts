/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters; position 1 registering
 * authority, 2 entity type, 3–8 administrative region, 9–17 organisation
 * code (GB 11714, with its own check character at position 17), 18 check
 * character over positions 1–17. Both checks must pass. When one fails,
 * the message says which and never proposes a "corrected" code: a typo
 * anywhere changes the check character, so a suggestion would be wrong.
 */
import { normaliseCode } from "../../primitives/text.ts";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 weights over positions 9–16 of the credit code (the organisation code's body). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem =
  | { kind: "length"; received: string; length: number }
  | { kind: "charset"; received: string; char: string; position: number }
  | { kind: "region"; received: string }
  | { kind: "organisation"; received: string }
  | { kind: "check"; received: string };

export type CreditCodeResult = { ok: true; code: string } | { ok: false; code: string; problem: CreditCodeProblem };

/** The GB 32100 check character for the first 17 characters of a code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] ?? "") * (WEIGHTS[i] ?? 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? "";
}

/** Value of an organisation-code character: digits 0–9, letters A=10 … Z=35. */
function orgValue(char: string): number {
  return /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;
}

/** The GB 11714 check character for the 8-character body of an organisation code. */
export function organisationCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i] ?? "0") * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 11 ? "0" : c === 10 ? "X" : String(c);
}

/** A code that passes both checks, from its first 8 characters and an 8-character organisation body (tests, samples, benchmark). */
export function composeCreditCode(prefix8: string, orgBody8: string): string {
  const first17 = `${prefix8}${orgBody8}${organisationCheckChar(orgBody8)}`;
  return first17 + creditCodeCheckChar(first17);
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
  if (code[17] !== creditCodeCheckChar(code.slice(0, 17))) return { ok: false, code, problem: { kind: "check", received: code } };
  if (code[16] !== organisationCheckChar(code.slice(8, 16))) return { ok: false, code, problem: { kind: "organisation", received: code } };
  return { ok: true, code };
}

/** Problems a documented exception (信用代码例外说明) may cover: lawful early codes fail a check, nothing else. */
export function isCheckProblem(p: CreditCodeProblem): boolean {
  return p.kind === "check" || p.kind === "organisation";
}

const CONFIRM = "请与报送部门核对原始登记信息后重新填写；如确属早期赋码的合法代码，请在“信用代码例外说明”中写明理由";

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
      return `第 18 位校验码不符（GB 32100）：收到 ${p.received}。代码中有字符录入错误，${CONFIRM}`;
    case "organisation":
      return `第 9–17 位组织机构代码校验不符（GB 11714）：收到 ${p.received}。${CONFIRM}`;
  }
}
