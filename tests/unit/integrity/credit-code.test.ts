import { describe, expect, it } from "vitest";
import { checkCreditCode, creditCodeCheckChar, describeCreditCodeProblem } from "../../../src/lib/integrity/credit-code.ts";

// 91350100M000100Y43 is a published GB 32100 example; the others are derived from it.
describe.each([
  { input: "91350100M000100Y43", ok: true, code: "91350100M000100Y43" },
  { input: " 91350100m000100y43 ", ok: true, code: "91350100M000100Y43", note: "trimmed and upper-cased" },
  { input: "９１３５０１００Ｍ０００１００Ｙ４３", ok: true, code: "91350100M000100Y43", note: "full-width normalised by NFKC" },
  { input: "9135 0100 M000 100Y 43", ok: true, code: "91350100M000100Y43", note: "spaces removed" },
  { input: "91350100M000100Y44", ok: false, kind: "check", message: "校验位错误：收到 91350100M000100Y44，应为 91350100M000100Y43" },
  { input: "91350100M000100Y4", ok: false, kind: "length", message: "长度错误：收到 91350100M000100Y4（17 位），应为 18 位" },
  { input: "91350100I000100Y43", ok: false, kind: "charset", message: "第 9 位“I”不可用" },
  { input: "9135A100M000100Y43", ok: false, kind: "region" },
  { input: "", ok: false, kind: "length" },
])("checkCreditCode($input)", ({ input, ok, code, kind, message }) => {
  const result = checkCreditCode(input);
  it(ok ? "accepts and normalises" : `rejects: ${kind}`, () => {
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.code).toBe(code);
    else {
      expect(result.problem.kind).toBe(kind);
      if (message) expect(describeCreditCodeProblem(result.problem)).toContain(message);
    }
  });
});

describe("creditCodeCheckChar", () => {
  it.each([
    ["91350100M000100Y4", "3"],
    ["91110000600037341", "L"],
  ])("%s → %s", (first17, check) => expect(creditCodeCheckChar(first17)).toBe(check));
});
