// The 应知应会 self-test in the browser: draws a round from bank.json, scores it on the device,
// keeps the best score in localStorage and draws the certificate on a canvas. Nothing is sent anywhere.
import { drawQuestions, LETTERS, PASS_MARK, scoreRound, type QuizQuestion, type Score } from "../lib/quiz/quiz.ts";

const BEST_KEY = "wenming-quiz-best";
const root = document.querySelector<HTMLElement>("#quiz");

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function best(): number | undefined {
  try {
    const v = Number(localStorage.getItem(BEST_KEY));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

function keepBest(points: number): number {
  const previous = best() ?? 0;
  const top = Math.max(previous, points);
  try {
    localStorage.setItem(BEST_KEY, String(top));
  } catch {
    // Private mode: the best score lasts for this visit only.
  }
  return top;
}

function questionNode(q: QuizQuestion, n: number): HTMLFieldSetElement {
  const type = q.type === "单选" ? "radio" : "checkbox";
  const legend = el("legend", {}, el("span", { className: "q-number" }, `${n}.`), ` ${q.question}`, el("span", { className: "q-type" }, `（${q.type}）`));
  const options = el(
    "ul",
    { className: "options" },
    // Radios share the question's name; each checkbox has its own (one control per name in a form).
    ...q.options.map((o, i) =>
      el("li", {}, el("label", {}, el("input", { type, name: type === "radio" ? `q-${q.id}` : `q-${q.id}-${LETTERS[i]}`, value: LETTERS[i] ?? "" }), el("span", {}, `${LETTERS[i]}. ${o}`))),
    ),
  );
  const fieldset = el("fieldset", { className: "question" }, legend, options);
  fieldset.dataset["question"] = q.id;
  return fieldset;
}

function explain(fieldset: HTMLFieldSetElement, q: QuizQuestion, correct: boolean): void {
  const right = [...q.answer].map((l) => `${l}. ${q.options[LETTERS.indexOf(l)] ?? ""}`).join("；");
  const verdict = el("p", { className: correct ? "verdict right" : "verdict wrong" }, correct ? "回答正确。" : `回答错误。正确答案：${right}`);
  const source = el("p", {}, "出处：", el("a", { href: q.source.href }, q.source.label));
  fieldset.append(el("div", { className: "explanation" }, verdict, el("p", {}, q.explanation), source));
  for (const input of fieldset.querySelectorAll("input")) input.disabled = true;
}

function drawCertificate(name: string, score: Score, site: string): string {
  const canvas = el("canvas", { width: 1200, height: 850 });
  const g = canvas.getContext("2d");
  if (!g) return "";
  const serif = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif';
  g.fillStyle = "#fffaf0";
  g.fillRect(0, 0, 1200, 850);
  g.strokeStyle = "#a8201a";
  g.lineWidth = 14;
  g.strokeRect(30, 30, 1140, 790);
  g.lineWidth = 3;
  g.strokeRect(56, 56, 1088, 738);
  g.textAlign = "center";
  g.fillStyle = "#a8201a";
  g.font = `bold 72px ${serif}`;
  g.fillText("荣 誉 证 书", 600, 200);
  g.fillStyle = "#222";
  g.font = `bold 64px ${serif}`;
  g.fillText(name, 600, 340);
  g.font = `36px ${serif}`;
  g.fillText(`在“应知应会”文明知识自测中获得 ${score.points} 分`, 600, 440);
  g.fillText(`答对 ${score.correct} 题，共 ${score.total} 题`, 600, 500);
  g.fillText("特发此证，以资鼓励。", 600, 580);
  g.font = `30px ${serif}`;
  g.fillText(site, 600, 700);
  g.fillText(new Intl.DateTimeFormat("zh-CN", { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(new Date()), 600, 750);
  return canvas.toDataURL("image/png");
}

async function start(quiz: HTMLElement): Promise<void> {
  const response = await fetch(quiz.dataset["bank"] ?? "");
  if (!response.ok) return;
  const bank = (await response.json()) as { count: number; questions: QuizQuestion[] };
  const form = quiz.querySelector<HTMLFormElement>(".quiz-form");
  const list = quiz.querySelector<HTMLElement>(".quiz-questions");
  const result = quiz.querySelector<HTMLElement>(".quiz-result");
  const cert = quiz.querySelector<HTMLElement>(".certificate");
  const bestLine = quiz.querySelector<HTMLElement>(".quiz-best");
  if (!form || !list || !result || !cert || !bestLine) return;
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  let round: QuizQuestion[] = [];
  let last: Score | undefined;

  const showBest = () => {
    const b = best();
    bestLine.hidden = b === undefined;
    bestLine.textContent = b === undefined ? "" : `您在本设备上的最好成绩：${b} 分`;
  };
  const newRound = () => {
    round = drawQuestions(bank.questions, bank.count);
    list.replaceChildren(...round.map((q, i) => questionNode(q, i + 1)));
    result.replaceChildren();
    cert.hidden = true;
    if (submit) submit.disabled = false;
    last = undefined;
  };

  for (const node of quiz.querySelectorAll<HTMLElement>(".quiz-sheet-title, .quiz-sheet-note")) node.hidden = true;
  const actions = quiz.querySelector<HTMLElement>(".quiz-actions");
  if (actions) actions.hidden = false;
  showBest();
  newRound();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (last) return;
    const answers = new Map(round.map((q) => [q.id, [...form.querySelectorAll<HTMLInputElement>(`fieldset[data-question="${q.id}"] input:checked`)].map((i) => i.value)]));
    const score = scoreRound(round, answers);
    last = score;
    for (const [i, q] of round.entries()) {
      const fieldset = list.querySelector<HTMLFieldSetElement>(`fieldset[data-question="${q.id}"]`);
      if (fieldset) explain(fieldset, q, score.results[i]?.correct === true);
    }
    const top = keepBest(score.points);
    const heading = el("h2", { tabIndex: -1 }, `得分：${score.points} 分`);
    const summary = el(
      "p",
      {},
      `答对 ${score.correct} 题，共 ${score.total} 题。${score.passed ? `达到 ${PASS_MARK} 分，可以生成证书。` : `${PASS_MARK} 分以上可以生成证书，看看每题的解析再试一次吧。`}本设备最好成绩：${top} 分。`,
    );
    result.replaceChildren(heading, summary);
    if (submit) submit.disabled = true;
    cert.hidden = !score.passed;
    showBest();
    heading.focus();
  });
  quiz.querySelector("[data-quiz-new]")?.addEventListener("click", () => {
    newRound();
    list.querySelector("input")?.focus();
  });

  const certForm = cert.querySelector<HTMLFormElement>(".cert-form");
  const output = cert.querySelector<HTMLElement>(".cert-output");
  const image = el("img", { className: "cert-image", width: 1200, height: 850, alt: "" });
  const download = cert.querySelector<HTMLAnchorElement>(".cert-download");
  certForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = new FormData(certForm).get("name");
    const name = typeof value === "string" ? value.trim() : "";
    if (!last?.passed || !name || !output || !download) return;
    const url = drawCertificate(name, last, document.querySelector(".brand-name")?.textContent ?? "");
    image.src = url;
    image.alt = `${name}的应知应会自测证书，${last.points} 分`;
    if (!image.isConnected) output.prepend(image);
    download.href = url;
    output.hidden = false;
    download.focus();
  });
  cert.querySelector(".cert-print")?.addEventListener("click", () => {
    document.documentElement.classList.add("printing-certificate");
    window.addEventListener("afterprint", () => document.documentElement.classList.remove("printing-certificate"), { once: true });
    window.print();
  });
}

if (root) void start(root);
