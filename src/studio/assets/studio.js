// Workbench behaviour: live previews (body text, posters), build progress, drag and drop.
// Every page works without it; it only saves staff a click.
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Body text: the preview follows typing (composition events keep Chinese input methods undisturbed).
for (const area of document.querySelectorAll("textarea[data-preview]")) {
  const target = document.getElementById(area.dataset.preview);
  let composing = false;
  const update = debounce(async () => {
    if (composing) return;
    const res = await fetch("/api/markdown", { method: "POST", headers: { "x-csrf-token": csrf, "content-type": "text/plain;charset=utf-8" }, body: area.value });
    if (res.ok && target) target.innerHTML = await res.text();
  }, 250);
  area.addEventListener("compositionstart", () => (composing = true));
  area.addEventListener("compositionend", () => {
    composing = false;
    update();
  });
  area.addEventListener("input", update);
}

// Photos, covers, attachments and spreadsheets: drop files on their field.
for (const zone of document.querySelectorAll("[data-drop]")) {
  const input = zone.querySelector('input[type="file"]');
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    if (input && e.dataTransfer?.files.length) input.files = e.dataTransfer.files;
  });
}

// Poster studio: every size redrawn by the server's renderer as the slogan changes.
const posterForm = document.getElementById("poster-form");
if (posterForm) {
  const status = document.getElementById("poster-status");
  let generation = 0;
  const params = () => new URLSearchParams([...new FormData(posterForm)].filter(([, v]) => v !== ""));
  const redraw = debounce(async () => {
    const mine = ++generation;
    const p = params();
    for (const a of document.querySelectorAll("a[data-download]")) a.href = `/posters/file?${p}&size=${a.dataset.download}&format=${a.dataset.format}`;
    const images = [...document.querySelectorAll("img[data-size]")];
    // The tall phone size first: it is the one staff look at.
    images.sort((a, b) => (a.dataset.size === "phone" ? -1 : b.dataset.size === "phone" ? 1 : 0));
    let problem = "";
    await Promise.all(
      images.map(async (img) => {
        const res = await fetch(`/api/poster.png?${p}&size=${img.dataset.size}&width=${img.dataset.size === "phone" ? 540 : 360}`);
        if (mine !== generation) return;
        if (!res.ok) {
          problem = await res.text();
          return;
        }
        const old = img.src;
        img.src = URL.createObjectURL(await res.blob());
        if (old.startsWith("blob:")) URL.revokeObjectURL(old);
        img.dataset.ready = String(mine);
      }),
    );
    if (mine === generation && status) status.textContent = problem ? `无法生成：${problem}` : "预览已更新";
  }, 120);
  posterForm.addEventListener("input", redraw);
  posterForm.addEventListener("change", redraw);
  posterForm.addEventListener("submit", (e) => e.preventDefault());
  redraw();
  const save = document.getElementById("poster-save");
  save?.addEventListener("submit", () => {
    for (const [k, v] of params()) {
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = k;
      hidden.value = v;
      save.append(hidden);
    }
  });
}

// 预览 / 发布: progress of the running build.
const job = document.querySelector("[data-job]");
if (job) {
  const bar = document.getElementById("job-progress");
  const state = document.getElementById("job-state");
  const log = document.getElementById("job-log");
  const poll = async () => {
    const res = await fetch(job.dataset.job);
    if (!res.ok) return;
    const j = await res.json();
    bar.value = j.progress;
    state.textContent = j.label;
    log.textContent = j.log.join("\n");
    job.dataset.state = j.state;
    if (j.state === "running") setTimeout(poll, 700);
  };
  poll();
}

// Photo focus: a preview of the chosen file; a click on it sets the crop centre (in percent).
const photoInput = document.getElementById("photo-file");
const photoPreview = document.getElementById("photo-preview");
if (photoInput && photoPreview) {
  const fx = document.getElementById("focus-x");
  const fy = document.getElementById("focus-y");
  const mark = document.getElementById("focus-mark");
  const place = () => {
    mark.hidden = photoPreview.hidden;
    mark.style.left = `${fx.value}%`;
    mark.style.top = `${fy.value}%`;
  };
  photoInput.addEventListener("change", () => {
    const file = photoInput.files?.[0];
    if (!file) return;
    if (photoPreview.src.startsWith("blob:")) URL.revokeObjectURL(photoPreview.src);
    photoPreview.src = URL.createObjectURL(file);
    photoPreview.hidden = false;
    place();
  });
  photoPreview.addEventListener("click", (e) => {
    const box = photoPreview.getBoundingClientRect();
    fx.value = String(Math.round((100 * (e.clientX - box.left)) / box.width));
    fy.value = String(Math.round((100 * (e.clientY - box.top)) / box.height));
    place();
  });
  fx.addEventListener("input", place);
  fy.addEventListener("input", place);
}
