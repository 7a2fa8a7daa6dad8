/**
 * 适老化 display settings (large text, high contrast), persisted in
 * localStorage. The tiny script below runs in <head> before the first paint so
 * a reader who chose large text never sees the page jump; its hash goes into
 * the CSP (Astro's meta tag and our deploy headers: ./security.ts). The page
 * script imports this module too, so it imports nothing of Node's.
 */

export const DISPLAY_SETTINGS = [
  { key: "text-large", label: "大字" },
  { key: "contrast-high", label: "高对比" },
] as const;

export const DISPLAY_STORAGE_KEY = "wenming-display";

export const DISPLAY_HEAD_SCRIPT = `try{var s=JSON.parse(localStorage.getItem("${DISPLAY_STORAGE_KEY}")||"[]");for(var i=0;i<s.length;i++)document.documentElement.classList.add(s[i])}catch(e){}`;
