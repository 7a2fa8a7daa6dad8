// 朗读: reads the article aloud in Chinese with the Web Speech API. Hidden where there is no speech synthesis.
const box = document.querySelector<HTMLElement>("[data-read-aloud-controls]");
const article = document.querySelector<HTMLElement>("[data-read-aloud]");

if (box && article && "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined") {
  const synth = window.speechSynthesis;
  const play = box.querySelector<HTMLButtonElement>("[data-action=play]");
  const stop = box.querySelector<HTMLButtonElement>("[data-action=stop]");
  const status = box.querySelector<HTMLElement>("[data-status]");
  let state: "idle" | "playing" | "paused" = "idle";

  const render = () => {
    box.dataset["state"] = state;
    if (play) {
      play.textContent = state === "playing" ? "暂停朗读" : state === "paused" ? "继续朗读" : "朗读全文";
      play.setAttribute("aria-pressed", String(state === "playing"));
    }
    if (stop) stop.hidden = state === "idle";
    if (status) status.textContent = state === "playing" ? "正在朗读" : state === "paused" ? "已暂停" : "";
  };

  play?.addEventListener("click", () => {
    if (state === "playing") {
      synth.pause();
      state = "paused";
    } else if (state === "paused") {
      synth.resume();
      state = "playing";
    } else {
      synth.cancel();
      const utterance = new SpeechSynthesisUtterance(article.innerText);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      utterance.onend = () => {
        state = "idle";
        render();
      };
      synth.speak(utterance);
      state = "playing";
    }
    render();
  });
  stop?.addEventListener("click", () => {
    synth.cancel();
    state = "idle";
    render();
  });
  box.hidden = false;
  render();
}

export {};
