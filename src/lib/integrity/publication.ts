/**
 * Publication periods of integrity-list entries (《信用修复管理办法》):
 * 一般 at least 3 months and at most 1 year, 严重 at least 1 year and at most
 * 3 years, both counted from the listing decision. 轻微 is never published.
 */
import { addMonths, type IsoDate } from "../../primitives/dates.ts";
import type { Severity, Status } from "../../primitives/integrity-terms.ts";

/** Minimum and maximum publication period in months, per severity. */
export const PERIOD_MONTHS: Record<Severity, { min: number; max: number }> = {
  一般: { min: 3, max: 12 },
  严重: { min: 12, max: 36 },
};

/** Earliest and latest allowed 公示截止日期 for an entry listed on `listedOn`. */
export function publicationLimits(severity: Severity, listedOn: IsoDate): { earliest: IsoDate; latest: IsoDate } {
  const months = PERIOD_MONTHS[severity];
  return { earliest: addMonths(listedOn, months.min), latest: addMonths(listedOn, months.max) };
}

export interface PublicationFacts {
  status: Status;
  publicUntil: IsoDate;
  removedOn?: IsoDate | undefined;
}

export type PublicationState = { published: true } | { published: false; stoppedOn: IsoDate };

/**
 * Whether an entry is published on `asOf`, and if not, the day publication
 * stopped: the removal or repair date, or the day after 公示截止日期.
 */
export function publicationState(entry: PublicationFacts, asOf: IsoDate): PublicationState {
  // A removal takes effect on its date: rebuilding an earlier day shows the entry as it was then.
  if (entry.removedOn !== undefined && entry.removedOn <= asOf) return { published: false, stoppedOn: entry.removedOn };
  if ((entry.status === "已移出" || entry.status === "已信用修复") && entry.removedOn === undefined) return { published: false, stoppedOn: entry.publicUntil };
  if (entry.publicUntil < asOf) return { published: false, stoppedOn: entry.publicUntil };
  return { published: true };
}
