// Copy-link button: copies the page's canonical URL and says so for screen readers.
for (const button of document.querySelectorAll<HTMLButtonElement>("[data-copy-link]")) {
  const status = button.parentElement?.querySelector<HTMLElement>("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", () => void copy(button, status));
}

async function copy(button: HTMLButtonElement, status: HTMLElement | null | undefined): Promise<void> {
  const url = button.dataset["copyLink"] ?? location.href;
  try {
    await navigator.clipboard.writeText(url);
    if (status) status.textContent = "链接已复制";
  } catch {
    if (status) status.textContent = `请手动复制：${url}`;
  }
}

export {};
