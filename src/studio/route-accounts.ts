/**
 * 账号管理, for 管理员 only (checked on the server for every request): add an
 * account, change its role, set a new password, remove it — so staff
 * joining or leaving need no one at a terminal. An account whose role,
 * password or existence changes is signed out everywhere at its next
 * request (every request compares its session with the account: heldBy). No one
 * changes their own role or removes themselves, and the last 管理员 stays.
 * Every change is appended to `<data>/accounts-log.jsonl` (who, what, when;
 * never a password) and shown on the page.
 */
import type { Hono } from "hono";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allowed, formOf, hiddenCsrf, studioPage, text, type Ctx, type Env, type Studio } from "./app.ts";
import { html } from "./html.ts";
import { shanghaiMinute } from "../primitives/dates.ts";
import { ROLES, type Role } from "./users.ts";

interface LogLine {
  at: string;
  by: string;
  action: "新增" | "修改角色" | "重设密码" | "删除";
  name: string;
  role?: Role;
}

const LOG_SHOWN = 30;

function logFile(studio: Studio): string {
  return join(studio.config.data, "accounts-log.jsonl");
}

function readLog(studio: Studio): LogLine[] {
  const file = logFile(studio);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

function log(studio: Studio, line: Omit<LogLine, "at">): void {
  mkdirSync(studio.config.data, { recursive: true, mode: 0o700 });
  appendFileSync(logFile(studio), `${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`, { mode: 0o600 });
}

const roleOptions = (current?: Role) => ROLES.map((r) => html`<option ${r === current ? html`selected` : ""}>${r}</option>`);

/** What the new-account form was sent with, shown again when it is refused (never the passwords). */
interface Filled {
  name?: string;
  role?: Role | undefined;
}

function accountsPage(c: Ctx, studio: Studio, problem?: string, flash?: string, filled: Filled = {}): Response {
  const me = c.get("session").name;
  const accounts = studio.accounts.list().sort((a, b) => ROLES.indexOf(b.role) - ROLES.indexOf(a.role) || a.name.localeCompare(b.name, "zh"));
  const recent = readLog(studio).slice(-LOG_SHOWN).reverse();
  if (problem) c.status(422);
  return studioPage(
    c,
    "账号管理",
    html`${
        problem
          ? html`<div class="problems" role="alert">
              <h2>未修改</h2>
              <p>${problem}</p>
            </div>`
          : ""
      }
      <p>编辑：修改内容、导入表格、提交更正；审核：另外可以批准红黑榜修改、发布网站；管理员：另外可以修改网站设置和管理账号。账号的角色、密码改变或被删除后，该账号会立即退出登录。</p>
      <h2>现有账号（${accounts.length}）</h2>
      <ul class="accounts">
        ${accounts.map(
          (a) =>
            html`<li>
              <h3>${a.name}（${a.role}）${a.name === me ? "（本人）" : ""}</h3>
              ${
                a.name === me
                  ? html`<p class="help">不能修改自己的角色或删除自己的账号：请由另一位管理员操作。</p>`
                  : html`<form method="post" action="/accounts/${encodeURIComponent(a.name)}/role" class="inline">
                        ${hiddenCsrf(c)}
                        <label for="role-${a.name}">角色</label>
                        <select id="role-${a.name}" name="role">
                          ${roleOptions(a.role)}
                        </select>
                        <button type="submit" class="secondary">修改角色</button>
                      </form>
                      <form method="post" action="/accounts/${encodeURIComponent(a.name)}/remove" class="inline">
                        ${hiddenCsrf(c)}
                        <label><input type="checkbox" name="confirm" value="1" required /> 确认删除 ${a.name} 的账号</label>
                        <button type="submit" class="danger">删除账号</button>
                      </form>`
              }
              <form method="post" action="/accounts/${encodeURIComponent(a.name)}/password" class="inline">
                ${hiddenCsrf(c)}
                <label for="password-${a.name}">新密码</label>
                <input id="password-${a.name}" name="password" type="password" autocomplete="new-password" minlength="10" required />
                <label for="again-${a.name}">再次输入新密码</label>
                <input id="again-${a.name}" name="again" type="password" autocomplete="new-password" minlength="10" required />
                <button type="submit" class="secondary">重设密码</button>
              </form>
            </li>`,
        )}
      </ul>
      <h2>新增账号</h2>
      <form method="post" action="/accounts" class="edit">
        ${hiddenCsrf(c)}
        <div class="field">
          <label for="new-name">用户名</label>
          <p class="help" id="new-name-help">2 至 20 个汉字、字母、数字或 _ . -，如 张三</p>
          <input id="new-name" name="name" value="${filled.name ?? ""}" aria-describedby="new-name-help" required />
        </div>
        <div class="field">
          <label for="new-role">角色</label>
          <select id="new-role" name="role">
            ${roleOptions(filled.role ?? "编辑")}
          </select>
        </div>
        <div class="field">
          <label for="new-password">初始密码</label>
          <p class="help" id="new-password-help">至少 10 个字符；请当面或电话告知本人</p>
          <input id="new-password" name="password" type="password" autocomplete="new-password" minlength="10" aria-describedby="new-password-help" required />
        </div>
        <div class="field">
          <label for="new-again">再次输入初始密码</label>
          <input id="new-again" name="again" type="password" autocomplete="new-password" minlength="10" required />
        </div>
        <button type="submit">新增账号</button>
      </form>
      <h2>账号变动记录</h2>
      ${
        recent.length
          ? html`<ul class="history">
              ${recent.map((l) => html`<li>${shanghaiMinute(l.at)} · ${l.by} ${l.action} ${l.name}${l.role ? `（${l.role}）` : ""}</li>`)}
            </ul>`
          : html`<p>暂无记录。</p>`
      }`,
    flash,
  );
}

/** The role sent, when it is one. */
function roleOf(value: string): Role | undefined {
  return ROLES.find((r) => r === value);
}

export function accountRoutes(app: Hono<Env>, studio: Studio): void {
  const { accounts } = studio;
  // Every route here is for 管理员: refused before anything is read.
  const admin =
    (handler: (c: Ctx) => Response | Promise<Response>) =>
    (c: Ctx): Response | Promise<Response> =>
      allowed(c, "settings") ?? handler(c);

  app.get(
    "/accounts",
    admin((c) => accountsPage(c, studio, undefined, c.req.query("done"))),
  );

  app.post(
    "/accounts",
    admin(async (c) => {
      const form = formOf(c);
      const name = text(form, "name").trim();
      const role = roleOf(text(form, "role"));
      if (!role) return accountsPage(c, studio, `角色应为 ${ROLES.join("、")} 之一`, undefined, { name });
      if (accounts.find(name)) return accountsPage(c, studio, `账号“${name}”已存在：要更改它的角色或密码，请在上面的现有账号中操作`, undefined, { name, role });
      if (text(form, "password") !== text(form, "again")) return accountsPage(c, studio, "两次输入的密码不一致，未新增账号", undefined, { name, role });
      try {
        await accounts.add(name, role, text(form, "password"));
      } catch (error) {
        return accountsPage(c, studio, error instanceof Error ? error.message : String(error), undefined, { name, role });
      }
      log(studio, { by: c.get("session").name, action: "新增", name, role });
      return c.redirect(`/accounts?done=${encodeURIComponent(`已新增账号：${name}（${role}）`)}`, 303);
    }),
  );

  /** The account named in the path, when it exists and is not the signed-in one's own (`own` allows that). */
  const target = (c: Ctx, own: boolean): { name: string } | Response => {
    const name = c.req.param("name") ?? "";
    const account = accounts.find(name);
    if (!account) return c.text("账号不存在", 404);
    if (!own && name === c.get("session").name) return accountsPage(c, studio, "不能修改自己的角色或删除自己的账号：请由另一位管理员操作");
    return { name };
  };
  const lastAdmin = (name: string) => accounts.find(name)?.role === "管理员" && accounts.list().filter((a) => a.role === "管理员").length === 1;

  app.post(
    "/accounts/:name/role",
    admin((c) => {
      const found = target(c, false);
      if (found instanceof Response) return found;
      const role = roleOf(text(formOf(c), "role"));
      if (!role) return accountsPage(c, studio, `角色应为 ${ROLES.join("、")} 之一`);
      if (role !== "管理员" && lastAdmin(found.name)) return accountsPage(c, studio, "至少要保留一个管理员账号");
      accounts.setRole(found.name, role);
      log(studio, { by: c.get("session").name, action: "修改角色", name: found.name, role });
      return c.redirect(`/accounts?done=${encodeURIComponent(`${found.name} 的角色已改为${role}，该账号已退出登录`)}`, 303);
    }),
  );

  app.post(
    "/accounts/:name/password",
    admin(async (c) => {
      const found = target(c, true);
      if (found instanceof Response) return found;
      const form = formOf(c);
      if (text(form, "password") !== text(form, "again")) return accountsPage(c, studio, "两次输入的密码不一致，未修改密码");
      try {
        await accounts.setPassword(found.name, text(form, "password"));
      } catch (error) {
        return accountsPage(c, studio, error instanceof Error ? error.message : String(error));
      }
      log(studio, { by: c.get("session").name, action: "重设密码", name: found.name });
      // One's own new password signs oneself out too: the next page is the login.
      return c.redirect(`/accounts?done=${encodeURIComponent(`${found.name} 的密码已重设，该账号已退出登录`)}`, 303);
    }),
  );

  app.post(
    "/accounts/:name/remove",
    admin((c) => {
      const found = target(c, false);
      if (found instanceof Response) return found;
      if (text(formOf(c), "confirm") !== "1") return accountsPage(c, studio, `请勾选“确认删除 ${found.name} 的账号”后再删除`);
      if (lastAdmin(found.name)) return accountsPage(c, studio, "至少要保留一个管理员账号");
      accounts.remove(found.name);
      log(studio, { by: c.get("session").name, action: "删除", name: found.name });
      return c.redirect(`/accounts?done=${encodeURIComponent(`已删除账号：${found.name}，该账号已退出登录`)}`, 303);
    }),
  );
}
