/**
 * The Hugo baseline of the benchmark (issue 18): the same corpus written as a
 * minimal Hugo site — one page per person, list entry, convention, guide, ad,
 * news item and activity, each section and taxonomy term listed 20 to a page,
 * every page with the same head, header and footer as wenming's — and built by
 * Debian's `hugo` in the same run, so the bench can print wenming ÷ Hugo.
 * Hugo builds no search index, posters or checks: the ratio is what all of
 * that, and Astro, cost over a fast static generator.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SiteContent } from "../../../src/lib/content/load.ts";
import { runMeasured, type RunResult } from "./measure.ts";

/** The version line of the `hugo` on the PATH, or undefined when there is none. */
export function hugoVersion(): string | undefined {
  const r = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const NAV = ["conventions:文明公约", "etiquette:文明礼仪", "good-people:好人榜", "integrity:诚信红黑榜", "ads:公益广告", "news:新闻公告", "volunteer:志愿服务"];

/** wenming's page shell (Base.astro) in Go templates: head with share metadata, header, navigation, search box, breadcrumbs, footer. */
const BASEOF = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
    <meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}" />
    <link rel="canonical" href="{{ .Permalink }}" />
    <meta property="og:type" content="article" />
    <meta property="og:locale" content="zh_CN" />
    <meta property="og:site_name" content="{{ site.Title }}" />
    <meta property="og:title" content="{{ .Title }}" />
    <meta property="og:url" content="{{ .Permalink }}" />
    <meta property="og:image" content="{{ site.BaseURL }}share/site.png" />
    <meta name="twitter:card" content="summary_large_image" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/site.css" />
  </head>
  <body>
    <a class="skip-link" href="#main">跳到正文</a>
    <header class="site-header">
      <div class="bar"><a class="brand" href="/"><span class="brand-emblem" aria-hidden="true">{{ site.Params.emblem }}</span><span class="brand-name">{{ site.Title }}</span></a>
        <div class="display-tools" role="group" aria-label="阅读辅助"><button type="button" class="tool" data-display="text-large" aria-pressed="false">大字</button><button type="button" class="tool" data-display="contrast-high" aria-pressed="false">高对比</button></div>
      </div>
      <nav class="site-nav" aria-label="主导航"><ul>
        ${NAV.map((n) => `<li><a href="/${n.split(":")[0]}/">${n.split(":")[1]}</a></li>`).join("")}
      </ul>
        <form class="header-search" action="/search/" method="get" role="search"><label for="header-q" class="visually-hidden">搜索全站</label><input id="header-q" name="q" type="search" placeholder="搜索姓名、企业、场景…" autocomplete="off" /><button type="submit">搜索</button></form>
      </nav>
    </header>
    {{ if not .IsHome }}<nav class="breadcrumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li>{{ with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>{{ end }}
    <main id="main" tabindex="-1" class="main">{{ block "main" . }}{{ end }}</main>
    <footer class="site-footer"><p>主办：{{ site.Params.office }}</p><p>网站标识码：{{ site.Params.siteCode }}</p></footer>
  </body>
</html>
`;

const SINGLE = `{{ define "main" }}<article>
  <h1>{{ .Title }}</h1>
  {{ with .Params.facts }}<dl class="facts">{{ range . }}<dt>{{ index . 0 }}</dt><dd>{{ index . 1 }}</dd>{{ end }}</dl>{{ end }}
  {{ with .Params.tags }}<p class="tags">{{ range . }}<span>{{ . }}</span> {{ end }}</p>{{ end }}
  <div class="prose">{{ .Content }}</div>
</article>{{ end }}
`;

const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Paginate .Pages }}
<ul class="cards">{{ range $pages.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
{{ if gt $pages.TotalPages 1 }}<nav class="pager" aria-label="分页"><ul>
  {{ if $pages.HasPrev }}<li><a href="{{ $pages.Prev.URL }}" rel="prev">上一页</a></li>{{ end }}
  <li>第 {{ $pages.PageNumber }} / {{ $pages.TotalPages }} 页</li>
  {{ if $pages.HasNext }}<li><a href="{{ $pages.Next.URL }}" rel="next">下一页</a></li>{{ end }}
</ul></nav>{{ end }}{{ end }}
`;

const TERMS = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>{{ end }}</ul>{{ end }}
`;

const HOME = `{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul class="cards">{{ range first 12 (where site.RegularPages "Section" "news") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul class="cards">{{ range first 8 (where site.RegularPages "Section" "good-people") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`;

/** A page: JSON front matter (Hugo reads it as is, so no YAML quoting) and a Markdown body. */
function page(path: string, front: Record<string, unknown>, body = ""): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(front)}\n\n${body}\n`);
}

type Fact = [string, string];
const facts = (pairs: [string, string | number | undefined][]): Fact[] => pairs.filter((p): p is Fact => p[1] !== undefined && p[1] !== "").map(([k, v]) => [k, String(v)]);

/** Writes the Hugo site for `content` into `dir`, with wenming's built stylesheet (`css`) as its own. */
export function writeHugoSite(dir: string, content: SiteContent, css: string): void {
  const c = join(dir, "content");
  const s = content.site;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      baseURL: "https://wenming.example.gov.cn/",
      languageCode: "zh-CN",
      title: s.title,
      paginate: 20,
      disableKinds: ["RSS"],
      uglyURLs: false,
      taxonomies: { category: "category", region: "region", batch: "batch", severity: "severity", listbatch: "listbatch", theme: "theme", newscat: "newscat", station: "station" },
      params: { description: s.description, emblem: s.emblem, office: s.issuer, siteCode: s.siteCode ?? "" },
    }),
  );
  mkdirSync(join(dir, "layouts", "_default"), { recursive: true });
  writeFileSync(join(dir, "layouts", "_default", "baseof.html"), BASEOF);
  writeFileSync(join(dir, "layouts", "_default", "single.html"), SINGLE);
  writeFileSync(join(dir, "layouts", "_default", "list.html"), LIST);
  writeFileSync(join(dir, "layouts", "_default", "terms.html"), TERMS);
  writeFileSync(join(dir, "layouts", "index.html"), HOME);
  mkdirSync(join(dir, "static"), { recursive: true });
  writeFileSync(join(dir, "static", "site.css"), css);

  const sections: [string, string][] = [
    ["conventions", "文明公约"],
    ["etiquette", "文明礼仪"],
    ["good-people", "好人榜"],
    ["integrity", "诚信红黑榜"],
    ["integrity/red", "诚信红榜"],
    ["integrity/black", "诚信黑榜"],
    ["ads", "公益广告"],
    ["news", "新闻公告"],
    ["volunteer", "志愿服务"],
  ];
  for (const [path, title] of sections) page(join(c, path, "_index.md"), { title });

  for (const conv of content.conventions)
    page(
      join(c, "conventions", `${conv.id}.md`),
      {
        title: conv.title,
        facts: facts([
          ["类型", conv.kind],
          ["制定", conv.issuer],
        ]),
      },
      conv.articles.map((a, i) => `${i + 1}. ${a}`).join("\n"),
    );
  for (const g of content.guides)
    page(
      join(c, "etiquette", `${g.id}.md`),
      { title: g.data.title, summary: g.data.summary, tags: g.data.keywords ?? [] },
      // The MDX components (<Dos />, <Tip>) become the lists and the tip they render.
      `${g.body.replace(/<[A-Z][^>]*\/>/g, "").replace(/<\/?Tip[^>]*>/g, "")}\n\n## 提倡\n\n${g.data.dos.map((d) => `- ${d}`).join("\n")}\n\n## 不提倡\n\n${g.data.donts.map((d) => `- ${d}`).join("\n")}`,
    );
  for (const p of content.people)
    page(
      join(c, "good-people", `${p.id}.md`),
      {
        title: p.data.name,
        summary: p.data.summary,
        category: [p.data.category],
        region: [p.data.region],
        batch: [p.data.batch],
        facts: facts([
          ["类别", p.data.category],
          ["地区", p.data.region],
          ["批次", p.data.batch],
        ]),
      },
      p.story,
    );
  for (const e of content.integrity)
    page(join(c, "integrity", e.list, `${e.id}.md`), {
      title: e.subjectName,
      summary: e.reason,
      severity: e.severity ? [e.severity] : [],
      listbatch: [`${e.list}-${e.batch}`],
      facts: facts([
        ["主体类型", e.subjectType],
        ["统一社会信用代码", e.creditCode],
        ["法定代表人", e.legalRep],
        ["列入事由", e.reason],
        ["认定依据", e.basis],
        ["认定部门", e.authority],
        ["决定文书文号", e.docNumber],
        ["列入日期", e.listedOn],
        ["严重程度", e.severity],
        ["公示截止日期", e.publicUntil],
        ["状态", e.status],
        ["数据来源", e.source],
      ]),
    });
  for (const a of content.ads)
    page(join(c, "ads", `${a.id}.md`), {
      title: a.data.slogan,
      summary: a.data.sub,
      theme: [a.data.theme],
      facts: facts([
        ["主题", a.data.theme],
        ["版式", a.data.template],
      ]),
    });
  for (const n of content.news) page(join(c, "news", `${n.id}.md`), { title: n.data.title, date: n.data.date, summary: n.data.summary, newscat: [n.data.category] }, n.body);
  for (const v of content.activities)
    page(join(c, "volunteer", `${v.id}.md`), {
      title: v.data.title,
      summary: v.data.summary,
      station: [v.data.place.station],
      facts: facts([
        ["类别", v.data.category],
        ["地点", v.data.place.address],
        ["招募", v.data.recruit],
      ]),
    });
}

/** Counts the HTML files under `dir`. */
export function countPages(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith(".html")).length;
}

/** Builds the Hugo site in `dir` into `out`, measured like wenming's builds. */
export function buildHugo(dir: string, out: string): Promise<RunResult> {
  return runMeasured("hugo", ["--quiet", "--source", dir, "--destination", out, "--cleanDestinationDir"], {});
}
