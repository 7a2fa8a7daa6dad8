import type { AstroIntegration } from "astro";
export function searchIndex(): AstroIntegration {
  return { name: "wenming-search-index", hooks: {} };
}
