/** Ordering and grouping of good people for the honour pages. */
import { CATEGORIES, type Batch, type Category } from "../../schemas/good-people.ts";

export interface PersonLike {
  id: string;
  data: { name: string; category: Category; region: string; batch: string; withdrawn?: string | undefined };
}

/** Batches newest first: by year, then by number ("2026-3" before "2026-2"). */
export function sortBatches<T extends Pick<Batch, "id">>(batches: readonly T[]): T[] {
  const key = (id: string) => id.split("-").map((n) => Number(n) || 0);
  return [...batches].sort((a, b) => {
    const [ay = 0, an = 0] = key(a.id);
    const [by = 0, bn = 0] = key(b.id);
    return by - ay || bn - an;
  });
}

/** People who are shown: not withdrawn. Sorted by category order, then name. */
export function visiblePeople<T extends PersonLike>(people: readonly T[]): T[] {
  return people.filter((p) => !p.data.withdrawn).sort((a, b) => CATEGORIES.indexOf(a.data.category) - CATEGORIES.indexOf(b.data.category) || a.data.name.localeCompare(b.data.name, "zh-CN"));
}

/** Count per value of `pick`, in first-seen order of `order` when given. */
export function countBy<T>(items: readonly T[], pick: (item: T) => string, order?: readonly string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of order ?? []) counts.set(o, 0);
  for (const item of items) counts.set(pick(item), (counts.get(pick(item)) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

export interface PeopleFacets {
  byBatch: { id: string; title: string; count: number }[];
  byCategory: { value: string; count: number }[];
  byRegion: { value: string; count: number }[];
}

/** Counts for the browse links: batches in their order, categories in the national order, regions by name. */
export function goodPeopleFacets<T extends PersonLike>(people: readonly T[], batches: readonly Pick<Batch, "id" | "title">[]): PeopleFacets {
  const counts = countBy(
    people,
    (p) => p.data.batch,
    batches.map((b) => b.id),
  );
  return {
    byBatch: counts.map(({ value, count }) => ({ id: value, title: batches.find((b) => b.id === value)?.title ?? value, count })),
    byCategory: countBy(people, (p) => p.data.category, CATEGORIES),
    byRegion: countBy(people, (p) => p.data.region).sort((a, b) => a.value.localeCompare(b.value, "zh-CN")),
  };
}
