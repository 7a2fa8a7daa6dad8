/**
 * 应知应会 — the self-test's question bank (`content/quiz/questions.yaml`): a
 * list of single- and multiple-choice questions, each with its answer, an
 * explanation and the convention article or etiquette guide it comes from
 * (checked to exist).
 */
import { z } from "zod";
import { plainText, slug } from "./common.ts";

export const QUESTION_TYPES = ["单选", "多选"] as const;
export const OPTION_LETTERS = "ABCDEF";

export const questionSchema = z
  .strictObject({
    /** Stable id, e.g. gongyue-3; never reused for another question. */
    id: slug.meta({ title: "编号", description: "小写字母、数字和连字符，如 gongyue-3" }),
    type: z.enum(QUESTION_TYPES).meta({ title: "题型" }),
    question: plainText(120).meta({ title: "题目" }),
    options: z.array(plainText(60)).min(2).max(OPTION_LETTERS.length).meta({ title: "选项", description: "每行一个，依次为 A、B、C……，2 至 6 个" }),
    /** Letters of the correct options: one for 单选, two or more for 多选, e.g. B or ACD. */
    answer: z
      .string()
      .trim()
      .regex(/^[A-F]{1,6}$/, { message: "应为正确选项的字母，如 B 或 ACD" })
      .meta({ title: "正确答案", description: "选项字母，单选如 B，多选如 ACD" }),
    explanation: plainText(200).meta({ title: "解析", description: "答题后显示的说明" }),
    /** Where the answer comes from: a convention article or an etiquette guide. */
    source: z
      .strictObject({
        convention: slug.optional().meta({ title: "公约编号", description: "出自公约时填写，同时填第几条" }),
        article: z.int().min(1).optional().meta({ title: "第几条" }),
        guide: slug.optional().meta({ title: "礼仪指南编号", description: "出自礼仪指南时填写" }),
      })
      .meta({ title: "出处", description: "公约条文（公约编号和第几条）或礼仪指南编号" }),
  })
  .superRefine((q, ctx) => {
    const letters = [...q.answer];
    if (new Set(letters).size !== letters.length) ctx.addIssue({ code: "custom", path: ["answer"], message: `答案“${q.answer}”中有重复的字母` });
    const last = OPTION_LETTERS[q.options.length - 1];
    for (const l of letters)
      if (OPTION_LETTERS.indexOf(l) >= q.options.length) ctx.addIssue({ code: "custom", path: ["answer"], message: `答案含“${l}”，但只有 A 至 ${last} ${q.options.length} 个选项` });
    if (q.type === "单选" && letters.length !== 1) ctx.addIssue({ code: "custom", path: ["answer"], message: `单选题只能有一个正确答案，收到“${q.answer}”` });
    if (q.type === "多选" && letters.length < 2) ctx.addIssue({ code: "custom", path: ["answer"], message: `多选题应有两个或以上正确答案，收到“${q.answer}”；只有一个时请把题型改为 单选` });
    const { convention, article, guide } = q.source;
    if (guide ? convention !== undefined || article !== undefined : convention === undefined || article === undefined)
      ctx.addIssue({ code: "custom", path: ["source"], message: "出处应为公约条文（同时填写公约编号和第几条）或礼仪指南编号，二者选一" });
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "有两个相同的选项" });
  });

export const questionBankSchema = z.array(questionSchema).min(1).meta({ title: "应知应会题库" });

export type Question = z.output<typeof questionSchema>;
