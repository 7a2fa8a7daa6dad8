import { describe, expect, it } from "vitest";
import { checkCreditCode, composeCreditCode, creditCodeCheckChar, describeCreditCodeProblem } from "../../../src/lib/integrity/credit-code.ts";

// 91350100M000100Y43 is a published GB 32100 example; the others are derived from it.
describe.each([
  { input: "91350100M000100Y43", ok: true, code: "91350100M000100Y43" },
  { input: " 91350100m000100y43 ", ok: true, code: "91350100M000100Y43", note: "trimmed and upper-cased" },
  { input: "９１３５０１００Ｍ０００１００Ｙ４３", ok: true, code: "91350100M000100Y43", note: "full-width normalised by NFKC" },
  { input: "9135 0100 M000 100Y 43", ok: true, code: "91350100M000100Y43", note: "spaces removed" },
  { input: "91350100M000100Y44", ok: false, kind: "check", message: "第 18 位校验码不符（GB 32100）：收到 91350100M000100Y44" },
  // A typo in the organisation code with a recomputed 18th character: passes GB 32100, fails GB 11714.
  { input: "91350100M000200Y4" + "?", ok: false, kind: "organisation", message: "第 9–17 位组织机构代码校验不符（GB 11714）" },
  { input: "91350100M000100Y4", ok: false, kind: "length", message: "长度错误：收到 91350100M000100Y4（17 位），应为 18 位" },
  { input: "91350100I000100Y43", ok: false, kind: "charset", message: "第 9 位“I”不可用" },
  { input: "9135A100M000100Y43", ok: false, kind: "region" },
  { input: "", ok: false, kind: "length" },
])("checkCreditCode($input)", ({ input, ok, code, kind, message }) => {
  const text = input.endsWith("?") ? input.slice(0, 17) + creditCodeCheckChar(input.slice(0, 17)) : input;
  const result = checkCreditCode(text);
  it(ok ? "accepts and normalises" : `rejects: ${kind}`, () => {
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.code).toBe(code);
    else {
      expect(result.problem.kind).toBe(kind);
      if (message) expect(describeCreditCodeProblem(result.problem)).toContain(message);
      // Never a suggested value: a typo elsewhere changes the check character, so a "correction" would be wrong.
      const sentence = describeCreditCodeProblem(result.problem);
      expect(sentence).not.toMatch(/应为 [0-9A-Z]{18}/);
      for (const other of ["91350100M000100Y43"]) if (other !== text) expect(sentence).not.toContain(other);
    }
  });
});

describe("creditCodeCheckChar", () => {
  it.each([
    ["91350100M000100Y4", "3"],
    ["91110000600037341", "L"],
  ])("%s → %s", (first17, check) => expect(creditCodeCheckChar(first17)).toBe(check));
});

describe("composeCreditCode", () => {
  it.each([
    ["91350100", "M000100Y", "91350100M000100Y43"],
    ["91110000", "60003734", "91110000600037341L"],
  ])("%s + %s → %s, which passes both checks", (prefix, body, code) => {
    expect(composeCreditCode(prefix, body)).toBe(code);
    expect(checkCreditCode(code).ok).toBe(true);
  });
  it("every single-character change of a valid code is refused by one of the two checks", () => {
    const code = "91350100M000100Y43";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 8; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(typo).ok, typo).toBe(false);
      }
    }
  });
});
