import { describe, expect, it } from "vitest";
import { publicationLimits, publicationState } from "../../../src/lib/integrity/publication.ts";

describe("publicationLimits", () => {
  it.each([
    ["一般", "2026-01-31", "2026-04-30", "2027-01-31"],
    ["严重", "2024-02-29", "2025-02-28", "2027-02-28"],
  ] as const)("%s listed %s: %s … %s", (severity, listed, earliest, latest) => expect(publicationLimits(severity, listed)).toEqual({ earliest, latest }));
});

describe("publicationState", () => {
  const asOf = "2026-11-22";
  it.each([
    { name: "within period", entry: { status: "公示中", publicUntil: "2026-11-22" }, state: { published: true } },
    { name: "under appeal stays published", entry: { status: "异议处理中", publicUntil: "2027-01-01" }, state: { published: true } },
    { name: "period over", entry: { status: "公示中", publicUntil: "2026-11-21" }, state: { published: false, stoppedOn: "2026-11-21" } },
    { name: "repaired", entry: { status: "已信用修复", publicUntil: "2028-01-01", removedOn: "2026-03-01" }, state: { published: false, stoppedOn: "2026-03-01" } },
    { name: "removed", entry: { status: "已移出", publicUntil: "2028-01-01", removedOn: "2026-02-20" }, state: { published: false, stoppedOn: "2026-02-20" } },
  ] as const)("$name", ({ entry, state }) => expect(publicationState(entry, asOf)).toEqual(state));
});
