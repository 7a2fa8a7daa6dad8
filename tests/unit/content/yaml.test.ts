import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatProblem } from "../../../src/lib/content/problems.ts";
import { parseYaml, splitFrontMatter, yamlPathAt } from "../../../src/lib/content/yaml.ts";

const schema = z.strictObject({ title: z.string().max(4), items: z.array(z.int()), nested: z.strictObject({ phone: z.string() }).optional() });
const source = "title: 示例市文明网\nitems:\n  - 1\n  - two\nnested:\n  phone: x\n";

describe("parseYaml points at the line of the offending value", () => {
  it("reports each schema problem with its line and field", () => {
    const { problems } = parseYaml(source, schema, "content/x.yaml");
    expect(problems.map(formatProblem)).toEqual(["content/x.yaml:1 · title · 过长或过大：收到 “示例市文明网”，上限为 4 个字", "content/x.yaml:4 · items.1 · 类型错误：收到 “two”，应为数字"]);
  });
  it("shifts lines for front matter inside a larger file", () => {
    const { problems } = parseYaml("title: 太长的标题文字\nitems: []\n", schema, "content/y.md", 1);
    expect(problems[0]?.line).toBe(2);
  });
  it.each([
    ["a missing colon space", "title:示例\nitems: [1]\n  bad: indent\n", "YAML 无法解析"],
    ["a duplicate key", "title: a\ntitle: b\nitems: []\n", "字段名重复"],
    ["an unclosed bracket", "title: a\nitems: [1, 2\n", "YAML 无法解析"],
  ])("reports %s once, in Chinese", (_name, text, message) => {
    const { problems } = parseYaml(text, schema, "content/z.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(message);
    expect(problems[0]?.message).not.toMatch(/[A-Za-z]{6,}/);
  });
  it("names unknown fields", () => {
    expect(parseYaml("title: a\nitems: []\ncolour: red\n", schema, "f").problems[0]?.message).toBe("未知字段：colour（请检查拼写）");
  });
});

describe("yamlPathAt", () => {
  it.each([
    ["示例市", "title"],
    ["two", "items.1"],
    ["x\n", "nested.phone"],
  ])("the text %j is in %s", (text, path) => expect(yamlPathAt(source, source.indexOf(text))).toBe(path));
});

describe("splitFrontMatter", () => {
  it("splits and says where the body starts", () => {
    expect(splitFrontMatter("---\na: 1\nb: 2\n---\n\n正文\n")).toEqual({ yaml: "a: 1\nb: 2", body: "\n正文\n", bodyLine: 5 });
  });
  it("returns undefined without front matter", () => expect(splitFrontMatter("正文")).toBeUndefined());
});
