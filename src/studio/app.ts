/**
 * The workbench's HTTP application (Hono): security for every route —
 * strict headers, a session for everything but the login page and the two
 * static assets, a CSRF token for every state-changing request, body size
 * limits — and the routes of each area (route-*.ts).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Hono, type Context } from "hono";
import { setCookie, deleteCookie } from "hono/cookie";
import { parse as parseCookies } from "hono/utils/cookie";
import { bodyLimit } from "hono/body-limit";
import type { IsoDate } from "../primitives/dates.ts";
import { todayInShanghai } from "../primitives/dates.ts";
import { csrfField, html, page, type Markup } from "./html.ts";
import { heldBy, LoginLimiter, Sessions, sameToken, token, type Session } from "./sessions.ts";
import { ContentStore } from "./store.ts";
import { Accounts, can, type Permission } from "./users.ts";
import { Pending } from "./pending.ts";
import { Jobs } from "./jobs.ts";
import { WarmBuilder } from "../lib/build/warm-builder.ts";
import { contentRoutes } from "./route-content.ts";
import { accountRoutes } from "./route-accounts.ts";
import { imageRoutes } from "./route-images.ts";
import { listRoutes } from "./route-lists.ts";
import { previewApp, siteRoutes } from "./route-site.ts";
import { systemErrorAdvice } from "../lib/build/system-errors.ts";

export interface StudioConfig {
  /** The content folder (a git repository, or made one). */
  content: string;
  /** Workbench data outside the content: accounts, pending approvals, uploads, builds. */
  data: string;
  /** The project folder (scripts/build.ts). */
  project: string;
  /** Where 发布 copies the built site: a folder, or `rsync:<destination>`. */
  publishTo?: string | undefined;
  /** Set the cookie's Secure flag (when served behind HTTPS). */
  secureCookies?: boolean;
}

export interface Studio {
  config: StudioConfig;
  store: ContentStore;
  accounts: Accounts;
  sessions: Sessions;
  /** Failed logins per account name (5 in 15 minutes) and per address (20: an office may share one). */
  limiter: { name: LoginLimiter; address: LoginLimiter };
  pending: Pending;
  jobs: Jobs;
  /** The 预览 builds' process, kept warm between builds (发布 builds in a process of its own). */
  previewBuilder: WarmBuilder;
  asOf: () => IsoDate;
}

/** The environment of the workbench's builds: its content, and the output and caches in its data folder. */
export function buildEnv(config: StudioConfig, kind: "preview" | "publish"): Record<string, string> {
  return {
    WENMING_CONTENT: resolve(config.content),
    WENMING_OUT: join(config.data, kind === "preview" ? "preview-site" : "site"),
    WENMING_ASTRO_CACHE: join(config.data, `astro-${kind}`),
    WENMING_CACHE: join(config.data, "build-cache"),
    ...(kind === "preview" ? { WENMING_PREVIEW: "1" } : {}),
  };
}

/** A submitted form: a value per name, and every value of a name ending in “[]” (several files chosen in one field). */
export type Form = Record<string, string | File | (string | File)[]>;
export type Env = { Variables: { session: Session; form: Form } };
export type Ctx = Context<Env>;

const COOKIE = "wenming_studio";
const LOGIN_COOKIE = "wenming_login";

export const MB = 1024 * 1024;
/** Largest request body per area: photos and spreadsheets may be large, everything else is a form. */
const LIMITS: [RegExp, number][] = [
  [/^\/edit\/people\//, 12 * MB],
  // A cover (10 MB) and attachments (20 MB each): two large attachments at a time; more are saved in turns.
  [/^\/edit\/news\//, 52 * MB],
  // Pictures for the library, 10 MB each: a few at a time.
  [/^\/images$/, 52 * MB],
  [/^\/lists\/check$/, 6 * MB],
];
const DEFAULT_LIMIT = 1 * MB;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
// The preview is the public site as built: its own styles may be inline; scripts stay 'self' only.
const PREVIEW_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const ASSETS: Record<string, { type: string; file: string }> = {
  "/studio.css": { type: "text/css; charset=utf-8", file: new URL("./assets/studio.css", import.meta.url).pathname },
  "/studio.js": { type: "text/javascript; charset=utf-8", file: new URL("./assets/studio.js", import.meta.url).pathname },
};

export function createStudio(config: StudioConfig, options: { now?: () => number; previewPort?: () => number } = {}): { app: Hono<Env>; preview: Hono; studio: Studio } {
  const store = new ContentStore(config.content);
  const studio: Studio = {
    config,
    store,
    accounts: new Accounts(config.data),
    sessions: new Sessions(options.now),
    limiter: { name: new LoginLimiter(5, 15 * 60_000, options.now), address: new LoginLimiter(20, 15 * 60_000, options.now) },
    pending: new Pending(config.data),
    jobs: new Jobs(),
    previewBuilder: new WarmBuilder({ cwd: config.project, env: buildEnv(config, "preview") }),
    asOf: () => todayInShanghai(),
  };
  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("Content-Security-Policy", c.req.path.startsWith("/preview/") ? PREVIEW_CSP : CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
  });

  app.use("*", async (c, next) => {
    const limit = LIMITS.find(([re]) => re.test(c.req.path))?.[1] ?? DEFAULT_LIMIT;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- Hono's middleware types take any Env
    return bodyLimit({ maxSize: limit, onError: (cc) => cc.text(`上传内容过大：上限 ${Math.round(limit / MB)} MB`, 413) })(c, next);
  });

  for (const [path, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(asset.file);
    app.get(path, (c) => c.body(body, 200, { "Content-Type": asset.type, "Cache-Control": "no-cache" }));
  }

  // Login: a token in a cookie and in the form (no session yet to hold one), and a limit on failures.
  app.get("/login", (c) => {
    // Keep a token already given: a second login page load (another tab, the browser's favicon request redirected here) must not invalidate the first.
    const given = cookieOf(c, LOGIN_COOKIE);
    const t = given && /^[\w-]{43}$/.test(given) ? given : token();
    setCookie(c, LOGIN_COOKIE, t, { httpOnly: true, sameSite: "Strict", path: "/login", secure: !!config.secureCookies });
    return c.html(loginPage(t, c.req.query("next") ? "请先登录。" : undefined));
  });
  app.post("/login", async (c) => {
    const form = await c.req.parseBody<Record<string, string>>();
    if (!sameToken(cookieOf(c, LOGIN_COOKIE), form["csrf"])) return c.text("请求无效：请刷新登录页后重试", 403);
    const name = String(form["username"] ?? "").trim();
    const address = clientAddress(c);
    const wait = Math.max(studio.limiter.name.blockedFor(name), studio.limiter.address.blockedFor(address));
    if (wait > 0) return c.html(loginPage(form["csrf"] ?? "", `登录失败次数过多，请 ${wait} 分钟后再试。`), 429);
    const account = await studio.accounts.verify(name, String(form["password"] ?? ""));
    if (!account) {
      studio.limiter.name.fail(name);
      studio.limiter.address.fail(address);
      return c.html(loginPage(form["csrf"] ?? "", "用户名或密码不正确。"), 401);
    }
    studio.limiter.name.succeed(name);
    const session = studio.sessions.create(account);
    deleteCookie(c, LOGIN_COOKIE, { path: "/login" });
    setCookie(c, COOKIE, session.id, { httpOnly: true, sameSite: "Strict", path: "/", secure: !!config.secureCookies });
    return c.redirect("/", 303);
  });

  // Everything else: a live session, and a CSRF token on anything that changes state.
  app.use("*", async (c, next) => {
    let session = studio.sessions.get(cookieOf(c, COOKIE));
    // The account as it is now (users.json, which the command line changes too): a session outlives no change to it.
    if (session && !heldBy(session, studio.accounts.find(session.name))) {
      studio.sessions.end(session.id);
      session = undefined;
    }
    if (!session) {
      if (c.req.method === "GET" && !c.req.path.startsWith("/api/")) return c.redirect(`/login?next=1`, 303);
      return c.text("未登录或登录已过期，请重新登录", 401);
    }
    c.set("session", session);
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const type = c.req.header("content-type") ?? "";
      const form: Form = type.includes("form") ? await c.req.parseBody({ all: false, dot: false }) : {};
      c.set("form", form);
      const sent = c.req.header("x-csrf-token") ?? (typeof form["csrf"] === "string" ? form["csrf"] : undefined);
      if (!sameToken(sent, session.csrf)) return c.text("请求无效（安全校验失败）：请刷新页面后重试", 403);
    }
    return next();
  });

  app.post("/logout", (c) => {
    studio.sessions.end(cookieOf(c, COOKIE));
    deleteCookie(c, COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });

  contentRoutes(app, studio);
  listRoutes(app, studio);
  imageRoutes(app, studio);
  accountRoutes(app, studio);
  siteRoutes(app, studio, options.previewPort ?? (() => 4323));
  app.notFound((c) => c.text("页面不存在", 404));
  app.onError((error, c) => {
    console.error(error);
    return c.text(internalErrorText(error), 500);
  });

  return { app, preview: previewApp(studio, COOKIE), studio };
}

/**
 * The answer to a request that failed inside the workbench: nothing was saved, and, when the machine failed (a full
 * disk, a read-only folder…), what failed in words staff can pass on — without the server's paths, which only its log
 * shows.
 */
export function internalErrorText(error: unknown): string {
  const advice = systemErrorAdvice(error, { withPath: false });
  return `工作台内部错误，未保存任何修改。${advice ? `${advice}。请把这段说明和发生的时间告诉信息中心。` : "请把发生的时间告诉信息中心。"}`;
}

/** One cookie of the request. */
export function cookieOf(c: { req: { header: (name: string) => string | undefined } }, name: string): string | undefined {
  return parseCookies(c.req.header("cookie") ?? "", name)[name];
}

function clientAddress(c: Ctx | Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

function loginPage(csrf: string, message?: string): string {
  return page({
    title: "登录",
    body: html`<form method="post" action="/login" class="login">
      ${message ? html`<p class="field-error" role="alert">${message}</p>` : ""}
      <input type="hidden" name="csrf" value="${csrf}" />
      <div class="field"><label for="username">用户名</label><input id="username" name="username" autocomplete="username" required /></div>
      <div class="field"><label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>
      <button type="submit">登录</button>
    </form>`,
  });
}

/** The page frame for the signed-in account. */
export function studioPage(c: Ctx, title: string, body: Markup, flash?: string): Response {
  const s = c.get("session");
  return c.html(page({ title, body, flash, user: { name: s.name, role: s.role, csrf: s.csrf } }));
}

export function formOf(c: Ctx): Form {
  return c.get("form");
}

export function text(form: Form, key: string): string {
  const v = form[key];
  return typeof v === "string" ? v : "";
}

/** Refuses the request unless the account's role has `permission` (checked on the server, whatever the page showed). */
export function allowed(c: Ctx, permission: Permission): Response | undefined {
  const s = c.get("session");
  if (can(s.role, permission)) return undefined;
  c.status(403);
  return studioPage(c, "没有权限", html`<p role="alert">您的角色（${s.role}）不能进行这项操作。${permission === "approve" || permission === "publish" ? "请联系审核人员。" : "请联系管理员。"}</p>`);
}

export function hiddenCsrf(c: Ctx): Markup {
  const s = c.get("session");
  return csrfField({ name: s.name, role: s.role, csrf: s.csrf });
}
