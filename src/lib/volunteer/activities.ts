/**
 * Volunteer activities as the site lists them on the as-of day: upcoming
 * (not yet ended) soonest first, past ones in the archive newest first, and
 * browse counts by category and station.
 */
import type { IsoDate } from "../../primitives/dates.ts";
import { shanghaiDateOf } from "../../primitives/dates.ts";
import type { VolunteerData } from "../../schemas/volunteer.ts";

export interface Dated {
  id: string;
  data: Pick<VolunteerData, "start" | "end">;
}

/** Still to come or under way on `asOf`: it ends on or after that day (in the city's time). */
export function isUpcoming(a: Dated, asOf: IsoDate): boolean {
  return shanghaiDateOf(a.data.end) >= asOf;
}

const byStart = (a: Dated, b: Dated) => Date.parse(a.data.start) - Date.parse(b.data.start) || a.id.localeCompare(b.id);

/** Upcoming activities soonest first, past ones most recent first. */
export function splitByDate<T extends Dated>(activities: readonly T[], asOf: IsoDate): { upcoming: T[]; past: T[] } {
  const upcoming = activities.filter((a) => isUpcoming(a, asOf)).sort(byStart);
  const past = activities
    .filter((a) => !isUpcoming(a, asOf))
    .sort(byStart)
    .reverse();
  return { upcoming, past };
}

/** How many activities each value of `key` has, in order of first appearance. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
