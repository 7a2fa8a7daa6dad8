/**
 * 志愿服务 — one volunteer activity (`content/volunteer/<id>.yaml`). The site
 * only announces it: registration happens on the official platform the
 * `registration` link points to; the site collects no sign-ups and no
 * personal data. An activity is shown from `published` on; once its end has
 * passed (as of the build day) it moves to the archive.
 */
import { z } from "zod";
import { parseDateTime } from "../primitives/dates.ts";
import { isoDate, plainText } from "./common.ts";

export const ACTIVITY_CATEGORIES = ["文明交通", "环境保护", "关爱老幼", "扶残助困", "文明宣传", "社区服务", "文化惠民", "应急救护"] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];
export const ORGANISER_LEVELS = ["新时代文明实践中心", "新时代文明实践所", "新时代文明实践站"] as const;

/** A date and time, e.g. 2026-12-12 09:00 (the city's time) or 2026-12-12T09:00+08:00. */
export const dateTime = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseDateTime(text);
    if (parsed) return parsed;
    ctx.addIssue({ code: "custom", message: `应为真实的日期和时间，写作 YYYY-MM-DD HH:MM（如 2026-12-12 09:00，按北京时间），收到“${text}”` });
    return z.NEVER;
  })
  .meta({ format: "date-time" });

export const volunteerSchema = z
  .strictObject({
    title: plainText(60).meta({ title: "活动名称" }),
    category: z.enum(ACTIVITY_CATEGORIES).meta({ title: "服务类别" }),
    summary: plainText(150).meta({ title: "活动简介", description: "一两句话，显示在列表和日历中" }),
    /** First day the activity is announced on the site. */
    published: isoDate.meta({ title: "发布日期", description: "从这一天起在网站上显示" }),
    organiser: z
      .strictObject({
        level: z.enum(ORGANISER_LEVELS).meta({ title: "组织层级" }),
        name: plainText(40).meta({ title: "组织单位", description: "如 示例市新时代文明实践中心" }),
        team: plainText(40).meta({ title: "志愿服务队" }),
      })
      .meta({ title: "组织方" }),
    start: dateTime.meta({ title: "开始时间", description: "写作 YYYY-MM-DD HH:MM，按北京时间" }),
    end: dateTime.meta({ title: "结束时间", description: "写作 YYYY-MM-DD HH:MM，按北京时间" }),
    place: z
      .strictObject({
        station: plainText(40).meta({ title: "实践站点", description: "如 幸福里社区新时代文明实践站" }),
        address: plainText(80).meta({ title: "详细地址" }),
      })
      .meta({ title: "活动地点" }),
    recruit: z.int().min(1).max(10000).meta({ title: "招募人数" }),
    audience: plainText(60).meta({ title: "服务对象", description: "如 社区独居老人" }),
    requirements: z.array(plainText(60)).max(10).default([]).meta({ title: "参与要求", description: "每行一条，可不填" }),
    /** The organiser's public phone or office, never a volunteer's. */
    contact: plainText(40).meta({ title: "咨询电话", description: "组织单位的办公电话" }),
    /** Where people sign up: the official volunteer platform. */
    registration: z
      .url({ protocol: /^https$/, error: "应为以 https:// 开头的完整网址（官方志愿服务平台上该活动的页面）" })
      .meta({ title: "报名链接", description: "官方志愿服务平台上该活动的 https 网址" }),
  })
  .superRefine((a, ctx) => {
    if (Date.parse(a.end) <= Date.parse(a.start)) ctx.addIssue({ code: "custom", path: ["end"], message: `结束时间 ${a.end} 应晚于开始时间 ${a.start}` });
  });

export type VolunteerData = z.output<typeof volunteerSchema>;
