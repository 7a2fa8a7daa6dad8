/** The first-page signal a two-process build starts its posters from (src/lib/build/generation.ts). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cancelFirstPage, onFirstPage, pageRendering } from "../../../src/lib/build/generation.ts";

afterEach(cancelFirstPage);

describe("onFirstPage", () => {
  it("runs the callback at the first page only", () => {
    let calls = 0;
    onFirstPage(() => calls++);
    expect(calls).toBe(0);
    for (let i = 0; i < 5; i++) pageRendering();
    expect(calls).toBe(1);
  });

  it("does nothing for pages when no build is waiting, and a later callback waits for the next page", () => {
    pageRendering();
    let calls = 0;
    onFirstPage(() => calls++);
    expect(calls).toBe(0);
    pageRendering();
    expect(calls).toBe(1);
  });

  it("replaces a callback not yet run, and a cancelled one never runs", () => {
    const ran: string[] = [];
    onFirstPage(() => ran.push("old"));
    onFirstPage(() => ran.push("new"));
    pageRendering();
    onFirstPage(() => ran.push("cancelled"));
    cancelFirstPage();
    pageRendering();
    expect(ran).toEqual(["new"]);
  });

  it("meets the page shell's copy of the module through globalThis", async () => {
    let calls = 0;
    onFirstPage(() => calls++);
    // A second instance of the module, as Vite's bundle of the page shell is.
    vi.resetModules();
    const copy = await import("../../../src/lib/build/generation.ts");
    expect(copy.pageRendering).not.toBe(pageRendering);
    copy.pageRendering();
    expect(calls).toBe(1);
  });
});
