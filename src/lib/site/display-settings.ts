/**
 * 适老化 display settings (large text, high contrast), persisted in
 * localStorage. The tiny script below runs in <head> before the first paint so
 * a reader who chose large text never sees the page jump; its hash goes into
 * the CSP (Astro's meta tag and our deploy headers).
 */
import { createHash } from "node:crypto";

export const DISPLAY_SETTINGS = [
  { key: "text-large", label: "大字" },
  { key: "contrast-high", label: "高对比" },
] as const;

export const DISPLAY_STORAGE_KEY = "wenming-display";

export const DISPLAY_HEAD_SCRIPT = `try{var s=JSON.parse(localStorage.getItem("${DISPLAY_STORAGE_KEY}")||"[]");for(var i=0;i<s.length;i++)document.documentElement.classList.add(s[i])}catch(e){}`;

/** `'sha256-…'` of the head script, for CSP headers. */
export function displayScriptHash(): string {
  return `'sha256-${createHash("sha256").update(DISPLAY_HEAD_SCRIPT).digest("base64")}'`;
}
