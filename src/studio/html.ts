/**
 * HTML for the workbench: a tagged template that escapes every
 * interpolated value unless it is already markup (`raw` / nested `html`),
 * and the page frame with the account's name, 退出 and the navigation.
 * Pages carry no inline script or style: behaviour comes from /studio.js
 * (CSP `script-src 'self'`).
 */
export class Markup {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return "";
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0] ?? "";
  parts.forEach((p, i) => (out += render(p) + (strings[i + 1] ?? "")));
  return new Markup(out);
}

export function raw(text: string): Markup {
  return new Markup(text);
}

export interface PageUser {
  name: string;
  role: string;
  csrf: string;
}

export interface PageOptions {
  title: string;
  user?: PageUser | undefined;
  body: Markup;
  /** A one-line result shown at the top (保存成功 …). */
  flash?: string | undefined;
}

/** The menu: address, label, and the one role it is shown to (the server checks every request whatever the menu shows). */
const NAV: [string, string, ("管理员" | undefined)?][] = [
  ["/", "首页"],
  ["/edit/people", "好人榜"],
  ["/edit/batches", "好人榜批次"],
  ["/lists", "红黑榜导入"],
  ["/review", "待审核"],
  ["/edit/conventions", "文明公约"],
  ["/edit/guides", "文明礼仪"],
  ["/edit/ads", "公益广告"],
  ["/posters", "海报制作"],
  ["/images", "图片库"],
  ["/preview", "预览"],
  ["/publish", "发布"],
  ["/history", "修改记录"],
  ["/edit/site", "网站设置"],
  ["/accounts", "账号管理", "管理员"],
];

export function page({ title, user, body, flash }: PageOptions): string {
  return `<!doctype html>${
    html`<html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${user?.csrf ?? ""}" />
        <title>${title} · 工作台</title>
        <link rel="stylesheet" href="/studio.css" />
        <script type="module" src="/studio.js"></script>
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header>
          <strong>文明办工作台</strong>
          ${
            user
              ? html`<nav aria-label="工作台">${NAV.filter(([, , only]) => !only || only === user.role).map(([href, label]) => html`<a href="${href}">${label}</a>`)}</nav>
                  <form method="post" action="/logout" class="logout">
                    <span>${user.name}（${user.role}）</span>
                    <input type="hidden" name="csrf" value="${user.csrf}" />
                    <button type="submit">退出</button>
                  </form>`
              : ""
          }
        </header>
        <main id="main">
          <h1>${title}</h1>
          ${flash ? html`<p class="flash" role="status">${flash}</p>` : ""} ${body}
        </main>
      </body>
    </html>`.text
  }`;
}

/** A hidden CSRF field for a form posted by `user`. */
export function csrfField(user: PageUser): Markup {
  return html`<input type="hidden" name="csrf" value="${user.csrf}" />`;
}
