// One measured build with the given env, printing stage wall/CPU (for quick experiments).
import { runMeasured, stages } from "./lib/bench/measure.ts";
const [content, ...pairs] = process.argv.slice(2);
const env: Record<string, string> = { AS_OF: "2026-11-22", WENMING_CONTENT: content!, WENMING_OUT: "/tmp/prof/exp-dist", WENMING_CACHE: `/tmp/prof/exp-cache-${Date.now()}` };
for (const p of pairs) {
  const [k, v] = p.split("=");
  env[k!] = v!;
}
const r = await runMeasured(process.execPath, ["scripts/build.ts"], env);
const s = stages(r);
console.log(
  pairs.join(" "),
  "code",
  r.code,
  "wall",
  r.seconds.toFixed(1),
  "cpu",
  r.cpuSeconds.toFixed(0),
  Object.entries(s)
    .map(([k, v]) => `${k} ${v.seconds.toFixed(1)}/${v.cpu.toFixed(0)}`)
    .join(" · "),
);
if (r.code)
  console.log(
    r.lines
      .slice(-20)
      .map((l) => l.text)
      .join("\n"),
  );
