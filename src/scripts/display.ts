// Toggles for large text and high contrast; state lives on <html> classes and in localStorage.
import { DISPLAY_STORAGE_KEY as KEY } from "../lib/site/display-settings.ts";

function saved(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>("[data-display]")) {
  const setting = button.dataset["display"] ?? "";
  button.setAttribute("aria-pressed", String(document.documentElement.classList.contains(setting)));
  button.addEventListener("click", () => {
    const on = document.documentElement.classList.toggle(setting);
    button.setAttribute("aria-pressed", String(on));
    const next = new Set(saved());
    if (on) next.add(setting);
    else next.delete(setting);
    try {
      localStorage.setItem(KEY, JSON.stringify([...next]));
    } catch {
      // Private mode: the setting lasts for this page only.
    }
  });
}

export {};
