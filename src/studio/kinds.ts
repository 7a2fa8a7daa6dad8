/**
 * The content kinds staff edit in forms, and how each is stored: one YAML
 * file (site settings), one file per item (YAML, or Markdown/MDX with front
 * matter and a body), or one item of a YAML list (batches). Schemas are the
 * loader's own; file layout is the loader's (src/lib/content/load.ts).
 */
import { parse, stringify } from "yaml";
import type { z } from "zod";
import { adSchema } from "../schemas/ad.ts";
import { conventionSchema } from "../schemas/convention.ts";
import { etiquetteSchema } from "../schemas/etiquette.ts";
import { batchSchema, goodPersonSchema } from "../schemas/good-people.ts";
import { handbookSchema } from "../schemas/handbook.ts";
import { newsSchema } from "../schemas/news.ts";
import { questionSchema } from "../schemas/quiz.ts";
import { siteSchema } from "../schemas/site.ts";
import { volunteerSchema } from "../schemas/volunteer.ts";
import { slugPattern } from "../primitives/slug.ts";
import { splitFrontMatter } from "../lib/content/yaml.ts";
import { jsonSchemaOf, type JsonSchema } from "./forms.ts";
import type { Changes, ContentStore } from "./store.ts";
import type { Permission } from "./users.ts";

type Storage = { type: "file"; file: string } | { type: "dir"; dir: string; ext: ".yaml" | ".md" | ".mdx"; body?: string } | { type: "list"; file: string };

export interface EditableKind {
  key: string;
  /** Menu and page title, e.g. 好人榜. */
  label: string;
  /** One item, e.g. 好人. */
  item: string;
  zod: z.ZodType;
  schema: JsonSchema;
  permission: Permission;
  storage: Storage;
  titleOf: (data: Record<string, unknown>) => string;
}

function kind(k: Omit<EditableKind, "schema">): EditableKind {
  return { ...k, schema: jsonSchemaOf(k.zod) };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

export const KINDS: readonly EditableKind[] = [
  kind({
    key: "people",
    label: "好人榜",
    item: "好人",
    zod: goodPersonSchema,
    permission: "edit",
    storage: { type: "dir", dir: "good-people/people", ext: ".md", body: "事迹" },
    titleOf: (d) => `${str(d["name"])}（${str(d["batch"])}）`,
  }),
  kind({
    key: "batches",
    label: "好人榜批次",
    item: "批次",
    zod: batchSchema,
    permission: "edit",
    storage: { type: "list", file: "good-people/batches.yaml" },
    titleOf: (d) => `${str(d["title"])}（${str(d["status"])}）`,
  }),
  kind({ key: "conventions", label: "文明公约", item: "公约", zod: conventionSchema, permission: "edit", storage: { type: "dir", dir: "conventions", ext: ".yaml" }, titleOf: (d) => str(d["title"]) }),
  kind({
    key: "guides",
    label: "文明礼仪",
    item: "礼仪指南",
    zod: etiquetteSchema,
    permission: "edit",
    storage: { type: "dir", dir: "etiquette", ext: ".mdx", body: "正文" },
    titleOf: (d) => str(d["title"]),
  }),
  kind({
    key: "ads",
    label: "公益广告",
    item: "公益广告",
    zod: adSchema,
    permission: "edit",
    storage: { type: "dir", dir: "ads", ext: ".yaml" },
    titleOf: (d) => `${str(d["slogan"])}（${str(d["theme"])}）`,
  }),
  kind({
    key: "news",
    label: "新闻公告",
    item: "新闻或通知",
    zod: newsSchema,
    permission: "edit",
    storage: { type: "dir", dir: "news", ext: ".md", body: "正文" },
    titleOf: (d) => `${str(d["title"])}（${str(d["date"])}）`,
  }),
  kind({
    key: "volunteer",
    label: "志愿服务",
    item: "志愿服务活动",
    zod: volunteerSchema,
    permission: "edit",
    storage: { type: "dir", dir: "volunteer", ext: ".yaml" },
    titleOf: (d) => `${str(d["title"])}（${str(d["start"])}）`,
  }),
  kind({ key: "quiz", label: "应知应会题库", item: "题目", zod: questionSchema, permission: "edit", storage: { type: "list", file: "quiz/questions.yaml" }, titleOf: (d) => str(d["question"]) }),
  kind({ key: "handbook", label: "市民文明手册", item: "手册", zod: handbookSchema, permission: "edit", storage: { type: "file", file: "handbook.yaml" }, titleOf: () => "市民文明手册" }),
  kind({ key: "site", label: "网站设置", item: "网站设置", zod: siteSchema, permission: "settings", storage: { type: "file", file: "site.yaml" }, titleOf: () => "网站设置" }),
];

export function findKind(key: string): EditableKind | undefined {
  return KINDS.find((k) => k.key === key);
}

export const ID_HELP = "用于网址的编号：小写拼音字母、数字和连字符，如 zhang-san；发布后不能更改";

export function validId(id: string): boolean {
  return slugPattern.test(id);
}

export interface Item {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  /** File the item lives in, relative to the content folder. */
  file: string;
}

function fileOf(k: EditableKind, id: string): string {
  if (k.storage.type === "dir") return `${k.storage.dir}/${id}${k.storage.ext}`;
  return k.storage.file;
}

function parseItem(k: EditableKind, id: string, text: string): Item {
  const file = fileOf(k, id);
  if (k.storage.type === "dir" && k.storage.body) {
    const split = splitFrontMatter(text);
    return { id, file, data: (split ? parse(split.yaml) : {}) as Record<string, unknown>, body: split?.body.replace(/^\n+/, "") ?? text };
  }
  return { id, file, data: (parse(text) ?? {}) as Record<string, unknown> };
}

export async function listItems(store: ContentStore, k: EditableKind): Promise<Item[]> {
  const s = k.storage;
  if (s.type === "file") {
    const text = await store.readText(s.file);
    return text === null ? [] : [parseItem(k, "site", text)];
  }
  if (s.type === "list") {
    const text = await store.readText(s.file);
    const list = (text ? parse(text) : []) as Record<string, unknown>[];
    return (Array.isArray(list) ? list : []).map((data) => ({ id: str(data["id"]), data, file: s.file }));
  }
  const { readdir } = await import("node:fs/promises");
  const dir = store.path(s.dir);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(s.ext)).sort();
  const items: Item[] = [];
  for (const name of names) {
    const id = name.slice(0, -s.ext.length);
    const text = await store.readText(`${s.dir}/${name}`);
    if (text !== null) items.push(parseItem(k, id, text));
  }
  return items;
}

export async function readItem(store: ContentStore, k: EditableKind, id: string): Promise<Item | undefined> {
  if (k.storage.type === "dir") {
    if (!validId(id)) return undefined;
    const text = await store.readText(fileOf(k, id));
    return text === null ? undefined : parseItem(k, id, text);
  }
  return (await listItems(store, k)).find((i) => k.storage.type === "file" || i.id === id);
}

/** Keys in the schema's order, so a saved file reads like the documented one. */
function ordered(k: EditableKind, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(k.schema.properties ?? {})) if (data[key] !== undefined) out[key] = data[key];
  for (const [key, v] of Object.entries(data)) if (!(key in out)) out[key] = v;
  return out;
}

function yamlText(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}

/** The file changes that store `data` (and `body`) as item `id`; `previousId` for a batch whose id is edited. */
export async function itemChanges(store: ContentStore, k: EditableKind, id: string, data: Record<string, unknown>, body?: string, previousId?: string): Promise<Changes> {
  const s = k.storage;
  const changes: Changes = new Map();
  if (s.type === "file") changes.set(s.file, Buffer.from(yamlText(ordered(k, data))));
  else if (s.type === "list") {
    const text = await store.readText(s.file);
    const list = ((text ? parse(text) : []) ?? []) as Record<string, unknown>[];
    const at = list.findIndex((d) => d["id"] === (previousId ?? id));
    if (at >= 0) list[at] = ordered(k, data);
    else list.push(ordered(k, data));
    changes.set(s.file, Buffer.from(yamlText(list)));
  } else {
    const front = yamlText(ordered(k, data));
    changes.set(fileOf(k, id), Buffer.from(s.body ? `---\n${front}---\n\n${(body ?? "").replace(/\r\n/g, "\n").trim()}\n` : front));
  }
  return changes;
}

export function itemFile(k: EditableKind, id: string): string {
  return fileOf(k, id);
}

/**
 * Whether staff may delete an item of this kind from the workbench. Not a
 * good person (withdrawn instead, with the date: the page then says so, as
 * the honour's publication requires) and not a settings file.
 */
export function deletable(k: EditableKind): boolean {
  return k.key !== "people" && k.storage.type !== "file";
}

/** The file changes that remove item `id`: its file, or its entry of the list file (the others kept in their order). */
export async function removalChanges(store: ContentStore, k: EditableKind, id: string): Promise<Changes> {
  const s = k.storage;
  if (s.type !== "list") return new Map([[fileOf(k, id), null]]);
  const text = await store.readText(s.file);
  const list = ((text ? parse(text) : []) ?? []) as Record<string, unknown>[];
  return new Map([[s.file, Buffer.from(yamlText(list.filter((d) => d["id"] !== id)))]]);
}
