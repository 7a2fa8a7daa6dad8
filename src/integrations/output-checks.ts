import type { AstroIntegration } from "astro";
export function outputChecks(): AstroIntegration {
  return { name: "wenming-output-checks", hooks: {} };
}
