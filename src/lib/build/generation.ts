/**
 * When Astro starts writing pages. Astro has no hook for it (`astro:build:start`
 * comes before the bundling, `astro:build:generated` after the last page), so
 * the page shell (Base.astro) says so as it renders: the first call runs what
 * the build registered, once. Pages render in the build's own process, so
 * the two meet on globalThis (the page shell's copy of this module is the
 * bundled one).
 */
const KEY = Symbol.for("wenming.firstPage");
const shared = globalThis as { [KEY]?: () => void };

/** Runs `callback` when the first page renders (replacing any callback not yet run). */
export function onFirstPage(callback: () => void): void {
  shared[KEY] = callback;
}

/** Called by the page shell for every page it renders; only the first call does anything. */
export function pageRendering(): void {
  const callback = shared[KEY];
  if (!callback) return;
  delete shared[KEY];
  callback();
}

/** Forgets a callback that never ran (a build with no page to render). */
export function cancelFirstPage(): void {
  delete shared[KEY];
}
