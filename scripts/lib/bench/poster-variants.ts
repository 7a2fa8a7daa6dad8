/** What the two sides of the poster comparison share: the same variants of one design, timed the same way. */
import type { PosterInput } from "../../../src/lib/poster/templates.ts";

/** Poster `i` of a run: the same design with a different line, so no side can reuse a previous result. */
export function variantOf(input: PosterInput, i: number): PosterInput {
  return { ...input, sub: `${input.sub ?? ""} 第${i}号` };
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** What the timing process (./poster-timing.ts) is told once: the design and the two sizes by id. */
export interface TimingSetup {
  input: PosterInput;
  phone: string;
  a3: string;
}

/** One poster to time: poster `i` of the run (variantOf), as a phone PNG or an A3 print JPEG. */
export interface TimingRequest {
  id: number;
  kind: "png" | "a3";
  i: number;
}

/** The milliseconds one poster took in the timing process, or why it failed. */
export type TimingReply = { id: number; ms: number } | { id: number; error: string };
