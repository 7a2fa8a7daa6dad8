/** What the two sides of the poster comparison share: the same variants of one design, timed the same way. */
import type { PosterInput } from "../../../src/lib/poster/templates.ts";

/** Poster `i` of a run: the same design with a different line, so no side can reuse a previous result. */
export function variantOf(input: PosterInput, i: number): PosterInput {
  return { ...input, sub: `${input.sub ?? ""} 第${i}号` };
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Median milliseconds of `n` calls after `warmups` untimed ones (numbered
 * below zero): steady state, as in a build that renders hundreds of posters.
 */
export async function timeMedian(f: (i: number) => Promise<unknown>, n: number, warmups: number): Promise<number> {
  for (let i = -warmups; i < 0; i++) await f(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return median(out);
}

/** What compareWithChromium asks the timing process (./poster-timing.ts) for. */
export interface TimingRequest {
  input: PosterInput;
  phone: string;
  a3: string;
  runs: number;
  warmups: number;
  a3Runs: number;
}
