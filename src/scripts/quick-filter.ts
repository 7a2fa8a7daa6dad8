// Enhancement for list pages: filters the rows of the current page as you type. Without JavaScript the filter links still work.
const box = document.querySelector<HTMLElement>("[data-quick-filter]");
const input = box?.querySelector<HTMLInputElement>("input");
const status = box?.querySelector<HTMLElement>("[data-quick-filter-status]");
const rows = [...document.querySelectorAll<HTMLTableRowElement>("[data-entry-table] tbody tr")];
if (box && input && rows.length > 0) {
  box.hidden = false;
  input.addEventListener("input", () => {
    const q = input.value.trim();
    let shown = 0;
    for (const row of rows) {
      const match = q === "" || (row.textContent ?? "").includes(q);
      row.hidden = !match;
      if (match) shown++;
    }
    if (status) status.textContent = q === "" ? "" : `本页找到 ${shown} 条`;
  });
}

export {};
