/**
 * Poster settings and ads as staff write them: themes and palettes come from
 * site.yaml, every colour is checked for contrast, pictures are checked like
 * photos and against the pixels each size needs — each problem names the
 * file, the field and what to do.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { edit, problemsAfter, sampleContent, type Change } from "./helpers.ts";

const AD = "ads/wenming-jisao.yaml";
const both =
  (...changes: Change[]): Change =>
  (root) => {
    for (const c of changes) c(root);
  };

describe("poster settings and ads", () => {
  it.each([
    ["a theme the site does not list", edit(AD, "theme: 文明祭扫", "theme: 文明赏花"), "content/ads/wenming-jisao.yaml · theme · 公益广告“wenming-jisao”的主题“文明赏花”不在网站设置的主题中"],
    [
      "a palette the site does not have",
      edit(AD, "palette: 清明绿", "palette: 樱花粉"),
      "content/ads/wenming-jisao.yaml · palette · 公益广告“wenming-jisao”的配色“樱花粉”不在网站设置的配色中；可选：中国红、清明绿、海洋蓝",
    ],
    [
      "an ad colour too light for white text",
      edit(AD, "palette: 清明绿", 'colours:\n  primary: "#9FD3B0"\n  accent: "#3D6B1F"'),
      "content/ads/wenming-jisao.yaml:12 · colours.primary · 对比度不足：#9FD3B0",
    ],
    ["an ad accent too light on white", edit(AD, "palette: 清明绿", 'colours:\n  primary: "#1E5B3A"\n  accent: "#C8E6C9"'), "colours.accent · 对比度不足：#C8E6C9 与白色"],
    ["a palette too light in settings", edit("site.yaml", 'primary: "#0B4A7A"', 'primary: "#7FB3E0"'), "palettes.2.primary · 配色“海洋蓝”的对比度不足：#7FB3E0"],
    ["two palettes with one name", edit("site.yaml", "name: 海洋蓝", "name: 清明绿"), "palettes.2.name · 配色名称重复：“清明绿”"],
    ["a theme listed twice", edit("site.yaml", "  - 文明祭扫", "  - 文明祭扫\n  - 控烟"), "themes.12 · 主题重复：“控烟”"],
    ["a photo ad without its picture", edit(AD, "image: images/qingming.svg\n", ""), "content/ads/wenming-jisao.yaml:2 · image · photo（图片）版式需要填写 image（主图）"],
    ["a picture that is not there", edit(AD, "images/qingming.svg", "images/qingming.jpg"), "content/ads/wenming-jisao.yaml · image · 找不到图片文件“images/qingming.jpg”"],
    ["a picture outside images/", edit(AD, "images/qingming.svg", "good-people/photos/zhao-min.jpg"), "content/ads/wenming-jisao.yaml:6 · image · 图片应放在 content/images/ 目录内"],
    ["a picture that climbs out of the folder", edit(AD, "images/qingming.svg", "images/../../secret.png"), "content/ads/wenming-jisao.yaml:6 · image"],
    [
      "an SVG with a script",
      (root: string) => writeFileSync(join(root, "images", "qingming.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "content/ads/wenming-jisao.yaml · image · SVG 含脚本或外部引用",
    ],
    ["a focus outside the picture", edit(AD, "x: 50", "x: 150"), "content/ads/wenming-jisao.yaml:8 · focus.x · 过长或过大：收到 150，上限为 100"],
    ["a rules ad with neither items nor guide", edit("ads/chengche-guize.yaml", /dos:[\s\S]*$/, ""), "content/ads/chengche-guize.yaml:2 · dos · rules（规范）版式需要填写 dos / donts 条目"],
    ["eleven rules", edit("ads/chengche-guize.yaml", "dos:\n", `dos:\n${"  - 多一条\n".repeat(6)}`), "content/ads/chengche-guize.yaml:8 · dos"],
    [
      "a picture that is not a picture",
      both((root) => writeFileSync(join(root, "images", "broken.jpg"), "这不是图片"), edit(AD, "images/qingming.svg", "images/broken.jpg")),
      "content/ads/wenming-jisao.yaml · image · 无法识别的图片文件“images/broken.jpg”",
    ],
    [
      "a partner logo that is not there",
      edit(AD, "palette: 清明绿", "palette: 清明绿\npartnerLogo: images/partner.png"),
      "content/ads/wenming-jisao.yaml · partnerLogo · 找不到图片文件“images/partner.png”",
    ],
    ["a credit with a character the poster fonts lack", edit(AD, "credit: 插图：示例市文明办", "credit: 摄影：𪚥"), "content/ads/wenming-jisao.yaml · credit · 含有海报字体无法显示的字符 “𪚥”"],
  ])("%s is reported with file, field and what to do", async (_name, change, line) => {
    const problems = await problemsAfter(change);
    expect(problems.join("\n"), problems.join("\n")).toContain(line);
  });

  it("a city adds its own theme and palette in settings, without code", async () => {
    const fresh = sampleContent();
    edit("site.yaml", "  - 文明祭扫", "  - 文明祭扫\n  - 文明赏花")(fresh);
    edit("site.yaml", "palettes:", 'palettes:\n  - name: 樱花红\n    primary: "#9E1B4B"\n    accent: "#7A3B00"')(fresh);
    edit(AD, "theme: 文明祭扫", "theme: 文明赏花")(fresh);
    edit(AD, "palette: 清明绿", "palette: 樱花红")(fresh);
    const content = await loadContent(fresh, "2026-11-22");
    expect(content.site.themes).toContain("文明赏花");
    expect(content.ads.find((a) => a.id === "wenming-jisao")?.data.palette).toBe("樱花红");
  });

  it("a photo that would print soft on some sizes is a warning naming each size; one far too small is refused", async () => {
    const soft = sampleContent();
    await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#3a7ab8" } })
      .jpeg()
      .toFile(join(soft, "images", "camera.jpg"));
    edit(AD, "images/qingming.svg", "images/camera.jpg")(soft);
    const loaded = await loadContent(soft, "2026-11-22");
    const warnings = loaded.warnings.filter((w) => w.includes("wenming-jisao"));
    expect(warnings.join("\n")).toMatch(/主图“images\/camera\.jpg”为 1600×1000 像素，尺寸“A3 投稿（297×420 mm，300 dpi）”的图片区域需要约 \d+×\d+ 像素（300 dpi），需放大 \d\.\d 倍/);
    // Phone and square screens have the pixels they need: no warning for them.
    expect(warnings.join("\n")).not.toContain("朋友圈方图");

    const tiny = sampleContent();
    await sharp({ create: { width: 600, height: 400, channels: 3, background: "#3a7ab8" } })
      .jpeg()
      .toFile(join(tiny, "images", "camera.jpg"));
    edit(AD, "images/qingming.svg", "images/camera.jpg")(tiny);
    const problems = await loadContent(tiny, "2026-11-22").then(
      () => [],
      (e: Error) => e.message.split("\n"),
    );
    expect(problems.join("\n")).toMatch(/content\/ads\/wenming-jisao\.yaml · image · 主图“images\/camera\.jpg”为 600×400 像素.*印出来会明显模糊：请换用更大的原图，或在 sizes 中去掉该尺寸/);
    // Leaving the print sizes out is the way to use a small picture.
    edit(AD, "palette: 清明绿", "palette: 清明绿\nsizes: [phone, square, wechat-cover]")(tiny);
    await expect(loadContent(tiny, "2026-11-22")).resolves.toBeDefined();
  });
});
