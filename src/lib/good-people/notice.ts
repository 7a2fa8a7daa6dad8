/**
 * The public-notice (公示) state of a good-people batch on the as-of day,
 * following the date as the integrity lists do: not shown before the notice
 * starts; 公示中 with the objection channel during it; once it has ended and
 * staff have not yet marked the batch published, plainly "公示期已结束" —
 * never an invitation to object after the period; then published.
 */
import type { IsoDate } from "../../primitives/dates.ts";
import type { Batch } from "../../schemas/good-people.ts";

export type NoticeState = { kind: "upcoming" } | { kind: "notice"; start: IsoDate; end: IsoDate } | { kind: "ended"; start: IsoDate; end: IsoDate } | { kind: "published"; on: IsoDate };

export function batchState(b: Pick<Batch, "status" | "noticeStart" | "noticeEnd" | "published">, asOf: IsoDate): NoticeState {
  if (b.status === "已发布" && b.published && b.published <= asOf) return { kind: "published", on: b.published };
  if (b.noticeStart && b.noticeEnd) {
    if (asOf < b.noticeStart) return { kind: "upcoming" };
    if (asOf <= b.noticeEnd) return { kind: "notice", start: b.noticeStart, end: b.noticeEnd };
    return { kind: "ended", start: b.noticeStart, end: b.noticeEnd };
  }
  return { kind: "upcoming" };
}

/** True when the batch and its people are shown on the as-of day. */
export function isBatchShown(state: NoticeState): boolean {
  return state.kind !== "upcoming";
}

/** A batch as pages show it: its data and its state on the as-of day. */
export type ShownBatch = Batch & { state: NoticeState };

/** Short label after a batch title: （公示中） during the notice, （公示期已结束） after it, nothing once published. */
export function noticeLabel(state: NoticeState): string {
  return state.kind === "notice" ? "（公示中）" : state.kind === "ended" ? "（公示期已结束）" : "";
}

/** One line for lists and share cards; undefined once published. */
export function noticeLine(state: NoticeState, formatDate: (d: IsoDate) => string): string | undefined {
  if (state.kind === "notice") return `公示期：${formatDate(state.start)}至${formatDate(state.end)}`;
  if (state.kind === "ended") return `公示期已于${formatDate(state.end)}结束`;
  if (state.kind === "published") return `发布于 ${formatDate(state.on)}`;
  return undefined;
}

/** The date a batch is filed under in feeds and search: its publication, or the start of its notice. */
export function noticeDate(state: NoticeState): IsoDate | undefined {
  return state.kind === "published" ? state.on : state.kind === "upcoming" ? undefined : state.start;
}
