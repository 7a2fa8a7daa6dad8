import { writeFileSync, mkdirSync } from "node:fs";
import { renderPoster, qrDataUrl } from "./src/lib/poster/render.ts";
import { POSTER_SIZES, SHARE_SIZE } from "./src/lib/poster/sizes.ts";
mkdirSync("/tmp/p", { recursive: true });
const identity = { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#A8201A", accent: "#8A5A00" };
const qrUrl = "https://wenming.example.gov.cn/ads/x/";
const inputs = [
 { name: "t1", template: "slogan", slogan: "文明交通 从我做起", sub: "礼让斑马线 出行戴头盔", qrUrl, identity },
 { name: "t2", template: "etiquette", slogan: "牵好绳 清好便", scene: "文明养犬", dos: ["遛狗时全程牵绳，牵引绳长度不超过 1.5 米", "随身带上拾便袋，及时清理犬只粪便", "乘电梯时抱起犬只或收紧牵引绳"], donts: ["不让犬只进入菜市场、学校", "不在深夜放任犬只吠叫扰民", "不遗弃犬只"], qrUrl, identity },
 { name: "t3", template: "honour", slogan: "学习身边好人 弘扬时代新风", sub: "2026年第二批示例好人", people: [["王桂兰","孝老爱亲"],["李建国","见义勇为"],["赵敏","敬业奉献"],["陈有福","诚实守信"],["孙晓红","助人为乐"],["周海","敬业奉献"],["刘芳","孝老爱亲"]].map(([name, category]) => ({ name, category })), qrUrl, identity },
];
for (const input of inputs) for (const size of POSTER_SIZES.filter(s => s.formats.includes("png"))) {
  console.time(`${input.name} ${size.id}`);
  writeFileSync(`/tmp/p/${input.name}-${size.id}.png`, await renderPoster(input as any, size, "png"));
  console.timeEnd(`${input.name} ${size.id}`);
}
writeFileSync(`/tmp/p/share.png`, await renderPoster({ name: "s", template: "share", slogan: "王桂兰 · 孝老爱亲", sub: "王桂兰照顾瘫痪在床的婆婆十二年，从未间断。", label: "好人榜", identity } as any, SHARE_SIZE, "png"));
console.time("a3"); const a3 = await renderPoster(inputs[0] as any, POSTER_SIZES.find(s => s.id === "a3")!, "jpg"); console.timeEnd("a3"); writeFileSync("/tmp/p/a3.jpg", a3); console.log(a3.length);
console.time("pdf"); writeFileSync("/tmp/p/l.pdf", await renderPoster(inputs[0] as any, POSTER_SIZES.find(s => s.id === "lightbox-60x90")!, "pdf")); console.timeEnd("pdf");
