/**
 * Content lint for staff-written Markdown and MDX. Staff content must not run
 * code or inject markup: no raw HTML, no import/export, no `{…}` expressions,
 * only the documented MDX components with literal attributes, and links and
 * images that stay safe (no javascript:/data: URLs, images inside content/).
 */
import type { Nodes } from "mdast";
import { markdownToMdast, mdxToMdast } from "satteri";
import type { Node as UnistNode } from "unist";

/** The components etiquette MDX may use, with the attributes each accepts. */
export const ALLOWED_COMPONENTS: Record<string, readonly string[]> = {
  /** 应该: a list of things to do. */
  Dos: ["title"],
  /** 不应该: a list of things not to do. */
  Donts: ["title"],
  /** A highlighted practical tip. */
  Tip: ["title"],
  /** The guide's poster image; `ad` is an ad id. */
  PosterFigure: ["ad", "caption"],
};

/** A component used in a body, with its literal attributes. */
export interface ComponentUse {
  name: string;
  attributes: Record<string, string>;
  line?: number | undefined;
}

export interface MarkupProblem {
  line?: number | undefined;
  message: string;
}

/**
 * A node of the tree satteri returns: mdast (with unist positions), plus the
 * MDX node kinds (JSX elements with attributes, ESM, expressions) that
 * mdast itself does not declare.
 */
type Node = (Nodes | MdxNode) & { children?: Node[] };
interface MdxNode extends UnistNode {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement" | "mdxjsEsm" | "mdxFlowExpression" | "mdxTextExpression";
  name?: string | null;
  value?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
}

const UNSAFE_URL = /^\s*(javascript|data|vbscript|file):/i;

function checkUrl(url: string, kind: "link" | "image"): string | undefined {
  if (UNSAFE_URL.test(url)) return `不安全的${kind === "link" ? "链接" : "图片"}地址“${url.slice(0, 30)}”：不允许 javascript:、data: 等地址`;
  if (kind === "image") {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return `图片不能引用外部网址“${url}”：请把图片放进内容目录并使用相对路径`;
    if (url.split(/[\\/]/).includes("..") || url.startsWith("/")) return `图片路径“${url}”超出内容目录：不允许 ../ 或绝对路径`;
  }
  return undefined;
}

function walk(node: Node, out: MarkupProblem[], lineOffset: number, uses: ComponentUse[]): void {
  const line = node.position ? node.position.start.line + lineOffset : undefined;
  const add = (message: string) => out.push({ line, message });
  switch (node.type) {
    case "html":
      add(`不允许直接写 HTML 代码：“${(node.value ?? "").slice(0, 40)}”`);
      break;
    case "mdxjsEsm":
      add("不允许 import/export 语句：只能使用已提供的组件 " + Object.keys(ALLOWED_COMPONENTS).join("、"));
      break;
    case "mdxFlowExpression":
    case "mdxTextExpression":
      add(`不允许花括号表达式“{${(node.value ?? "").slice(0, 30)}}”：如需显示花括号请写作 \\{`);
      break;
    case "mdxJsxFlowElement":
    case "mdxJsxTextElement": {
      const name = node.name ?? "";
      const allowed = ALLOWED_COMPONENTS[name];
      if (!allowed) {
        add(`不允许的标签 <${name || "（空）"}>：只能使用 ${Object.keys(ALLOWED_COMPONENTS).map((c) => `<${c}>`).join("、")}`);
        break;
      }
      const attributes: Record<string, string> = {};
      for (const attr of node.attributes ?? []) {
        if (attr.type !== "mdxJsxAttribute" || !attr.name) add(`<${name}> 不允许展开属性 {...}`);
        else if (!allowed.includes(attr.name)) add(`<${name}> 不支持属性 ${attr.name}：可用属性 ${allowed.join("、") || "（无）"}`);
        else if (typeof attr.value !== "string") add(`<${name}> 的属性 ${attr.name} 只能是带引号的文字，不能是表达式`);
        else attributes[attr.name] = attr.value;
      }
      uses.push({ name, attributes, line });
      break;
    }
    case "link":
    case "definition": {
      const problem = checkUrl(node.url ?? "", "link");
      if (problem) add(problem);
      break;
    }
    case "image": {
      const problem = checkUrl(node.url ?? "", "image");
      if (problem) add(problem);
      break;
    }
  }
  for (const child of node.children ?? []) walk(child, out, lineOffset, uses);
}

/**
 * Lints a Markdown or MDX body (front matter removed) and lists the allowed
 * components it uses (for reference checks). `lineOffset` is added to
 * reported lines so they match the whole file.
 */
export function lintMarkup(body: string, kind: "md" | "mdx", lineOffset = 0): { problems: MarkupProblem[]; components: ComponentUse[] } {
  const problems: MarkupProblem[] = [];
  const components: ComponentUse[] = [];
  let tree: Node;
  try {
    tree = kind === "mdx" ? mdxToMdast(body, { position: true }) : markdownToMdast(body, { position: true });
  } catch (error) {
    return { problems: [{ message: `${kind.toUpperCase()} 无法解析：${error instanceof Error ? error.message.split("\n")[0] : String(error)}` }], components };
  }
  walk(tree, problems, lineOffset, components);
  return { problems, components };
}

/** True when an MDX body shows the ad `ad` with <PosterFigure ad="…">. */
export function hasPosterFigure(body: string, ad: string): boolean {
  return lintMarkup(body, "mdx").components.some((c) => c.name === "PosterFigure" && c.attributes["ad"] === ad);
}
