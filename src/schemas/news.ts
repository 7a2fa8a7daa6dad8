/**
 * 工作动态 / 通知公告 — one news item or notice (`content/news/<id>.md`):
 * front matter below, Markdown body. Covers live in content/news/images/,
 * attachments in content/news/files/ (checked by content and size when
 * loaded). An item is published from its `date` on.
 */
import { z } from "zod";
import { contentFile, contentPhoto, isoDate, plainText } from "./common.ts";

export const NEWS_CATEGORIES = ["工作动态", "通知公告", "媒体报道"] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

/** Office and PDF files a notice may attach. */
export const ATTACHMENT_EXTENSION = /\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd)$/i;

export const newsSchema = z
  .strictObject({
    title: plainText(60).meta({ title: "标题" }),
    /** Publication date: the item appears on the site from this day. */
    date: isoDate.meta({ title: "发布日期", description: "从这一天起在网站上显示，写作 YYYY-MM-DD" }),
    category: z.enum(NEWS_CATEGORIES).meta({ title: "栏目" }),
    summary: plainText(150).meta({ title: "摘要", description: "一两句话，显示在列表、订阅和分享图上" }),
    /** Who reported it, for 媒体报道 (e.g. 示例日报). */
    source: plainText(40).optional().meta({ title: "来源", description: "媒体报道的媒体名称，可不填" }),
    /** Last day to respond to a notice; after it the notice is marked 已截止. */
    deadline: isoDate.optional().meta({ title: "截止日期", description: "通知的报名或反馈截止日期，过后标注“已截止”，可不填" }),
    cover: contentPhoto
      .refine((p) => p.startsWith("images/"), { message: "封面图片应放在 content/news/images/ 目录内，如 images/huodong.jpg" })
      .optional()
      .meta({ title: "封面图片", description: "content/news/images/ 中的 JPG、PNG 或 WebP，可不填" }),
    /** What the cover shows, read out by screen readers. */
    coverAlt: plainText(80).optional().meta({ title: "封面图片说明", description: "图片内容的文字描述，供读屏软件朗读；有封面时必填" }),
    attachments: z
      .array(
        z.strictObject({
          title: plainText(60).meta({ title: "附件名称" }),
          file: contentFile("files/tongzhi.pdf", ATTACHMENT_EXTENSION, "附件应为 PDF、Word、Excel、PowerPoint、WPS 或 OFD 文件")
            .refine((p) => p.startsWith("files/"), { message: "附件应放在 content/news/files/ 目录内，如 files/tongzhi.pdf" })
            // Filled in by the workbench's upload (readOnly: the form shows it, staff do not type it).
            .meta({ title: "文件", description: "上传附件后自动填写（content/news/files/ 中的文件）", readOnly: true }),
        }),
      )
      .max(10)
      .default([])
      .meta({ title: "附件", description: "至多 10 个" }),
  })
  .superRefine((n, ctx) => {
    if (n.deadline && n.deadline < n.date) ctx.addIssue({ code: "custom", path: ["deadline"], message: `截止日期 ${n.deadline} 早于发布日期 ${n.date}` });
    if (n.cover && !n.coverAlt) ctx.addIssue({ code: "custom", path: ["coverAlt"], message: "有封面图片时必须填写图片说明（供视障读者使用）" });
  });

export type NewsData = z.output<typeof newsSchema>;
