/**
 * 市民文明手册 — the printed booklet's own text (`content/handbook.yaml`). The
 * booklet's other chapters come from the content: the conventions, the
 * etiquette guides and the 应知应会 question bank.
 */
import { z } from "zod";
import { plainText, slug } from "./common.ts";

export const handbookSchema = z.strictObject({
  title: plainText(30).meta({ title: "手册名称", description: "如 示例市市民文明手册" }),
  edition: plainText(20).meta({ title: "版本", description: "如 2026 年版" }),
  /** The ad whose poster is the cover (its A-series design). */
  cover: slug.meta({ title: "封面公益广告", description: "公益广告编号，其海报用作封面" }),
  foreword: z.array(plainText(300)).min(1).max(6).meta({ title: "致市民", description: "卷首语，每段一行" }),
  volunteering: z
    .array(
      z.strictObject({
        heading: plainText(30).meta({ title: "小标题" }),
        paragraphs: z.array(plainText(300)).min(1).max(8).meta({ title: "段落", description: "每段一行" }),
      }),
    )
    .min(1)
    .max(12)
    .meta({ title: "志愿服务指引", description: "手册中的志愿服务一章" }),
});

export type Handbook = z.output<typeof handbookSchema>;
