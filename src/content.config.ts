/**
 * Content collections. Every loader goes through src/lib/content (getContent),
 * which validates all kinds together and throws one ContentError listing every
 * problem with file, line or row, field, received and expected values — so a
 * bad file fails the build instead of being logged and skipped.
 */
// Not from astro:content, which would import Astro's whole page runtime into the module runner that Astro's sync starts
// for this file in every build (≈ 120 modules transformed; with the lazy loader in cached.ts, sync 1.0 → 0.7 s).
import { defineCollection } from "astro/content/config";
import { glob } from "astro/loaders";
import { z } from "zod";
import { join } from "node:path";
import { contentRoot, getContent } from "./lib/content/cached.ts";
import { listsDigest, LISTS_ENTRY, loaderVersion, sourceKey } from "./lib/content/digest.ts";
import type { SiteContent } from "./lib/content/load.ts";
import { adSchema } from "./schemas/ad.ts";
import { conventionSchema } from "./schemas/convention.ts";
import { etiquetteSchema } from "./schemas/etiquette.ts";
import { batchSchema, goodPersonSchema } from "./schemas/good-people.ts";
import { handbookSchema } from "./schemas/handbook.ts";
import { newsSchema } from "./schemas/news.ts";
import { questionSchema } from "./schemas/quiz.ts";
import { siteSchema } from "./schemas/site.ts";
import { volunteerSchema } from "./schemas/volunteer.ts";
import type { LoaderContext } from "astro/loaders";

type Item = { id: string; data: Record<string, unknown>; body?: string; filePath?: string };

/**
 * A loader that stores what `pick` selects from the checked content. Each
 * entry's digest is the digest of its sources (src/lib/content/digest.ts),
 * which page cache keys are built from: an item without one is a bug.
 */
function checked(name: string, pick: (c: SiteContent) => Item[], renderBody = false) {
  return {
    name: `wenming-${name}`,
    load: async (ctx: LoaderContext) => {
      const content = await getContent();
      // Said once per build, by the settings' loader: things staff should act on that do not stop the build.
      if (name === "site") for (const w of content.warnings) ctx.logger.warn(w);
      const items = pick(content);
      const ids = new Set(items.map((item) => item.id));
      // Entries gone from the content (deleted, expired, not yet due) leave the store; the rest are replaced below.
      for (const id of ctx.store.keys()) if (!ids.has(id)) ctx.store.delete(id);
      for (const item of items) {
        const source = content.digests.get(sourceKey(name, item.id));
        if (source === undefined) throw new Error(`内部错误：${name}/${item.id} 没有来源摘要`);
        // The source digest covers the files and the data derived from them; the loader version covers the schemas
        // and the Markdown pipeline that turn them into this entry. Both equal: the stored entry is this entry.
        const digest = `${source}.${loaderVersion()}`;
        if (ctx.store.get(item.id)?.digest === digest) continue;
        const data = await ctx.parseData({ id: item.id, data: item.data });
        const entry: Parameters<typeof ctx.store.set>[0] = { id: item.id, data, digest };
        if (item.body !== undefined && renderBody) entry.rendered = await ctx.renderMarkdown(item.body);
        if (item.filePath) entry.filePath = item.filePath;
        ctx.store.set(entry);
      }
    },
  };
}

const site = defineCollection({ loader: checked("site", (c) => [{ id: "site", data: c.site }]), schema: siteSchema });
const conventions = defineCollection({ loader: checked("conventions", (c) => c.conventions.map(({ id, ...data }) => ({ id, data }))), schema: conventionSchema });
const batches = defineCollection({ loader: checked("batches", (c) => c.batches.map((b) => ({ id: b.id, data: b }))), schema: batchSchema });
const goodPeople = defineCollection({
  loader: checked("goodPeople", (c) => c.people.map((p) => ({ id: p.id, data: p.data, body: p.story })), true),
  schema: goodPersonSchema,
});
const ads = defineCollection({ loader: checked("ads", (c) => c.ads.map((a) => ({ id: a.id, data: a.data }))), schema: adSchema });

const news = defineCollection({ loader: checked("news", (c) => c.news.map((n) => ({ id: n.id, data: n.data, body: n.body })), true), schema: newsSchema });
const volunteer = defineCollection({ loader: checked("volunteer", (c) => c.activities.map((a) => ({ id: a.id, data: a.data }))), schema: volunteerSchema });
const quiz = defineCollection({ loader: checked("quiz", (c) => c.questions.map((q) => ({ id: q.id, data: q }))), schema: questionSchema });
const handbook = defineCollection({ loader: checked("handbook", (c) => (c.handbook ? [{ id: "handbook", data: c.handbook }] : [])), schema: handbookSchema });

/** Etiquette guides are MDX: checked first (schema, component lint, references), then loaded by the glob loader for rendering. */
const mdxGlob = glob({ pattern: "*.mdx", base: join(contentRoot(), "etiquette") });
const etiquette = defineCollection({
  loader: {
    name: "wenming-etiquette",
    load: async (ctx: LoaderContext) => {
      await getContent();
      await mdxGlob.load(ctx);
    },
  },
  schema: etiquetteSchema,
});

/**
 * The lists' entries are one stored entry, whose digest is that of them all (listsDigest), and pages take the
 * entries themselves from the checked content (src/collections.ts). Stored whole, they were two thirds of Astro's
 * data store (9 MB of its 19.7 MB at city), which Astro serializes, writes and compiles as a module in every build. The
 * digest must stay: the store has to change whenever the content does, because a build process kept between builds
 * (预览) reuses every page module whose bundle is unchanged, and the store's module is what changes their bundles.
 */
const integrity = defineCollection({
  loader: {
    name: "wenming-integrity",
    load: async (ctx: LoaderContext) => {
      const content = await getContent();
      const version = loaderVersion();
      const digest = `${listsDigest(content)}.${version}`;
      for (const id of ctx.store.keys()) if (id !== LISTS_ENTRY) ctx.store.delete(id);
      if (ctx.store.get(LISTS_ENTRY)?.digest === digest) return;
      ctx.store.set({ id: LISTS_ENTRY, data: await ctx.parseData({ id: LISTS_ENTRY, data: { version } }), digest });
    },
  },
  schema: z.strictObject({ version: z.string() }),
});

export const collections = { site, conventions, etiquette, batches, goodPeople, ads, integrity, news, volunteer, quiz, handbook };
