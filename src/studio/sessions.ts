/**
 * Sessions (in memory: a restart logs everyone out, which is acceptable for
 * an office tool and keeps no session secrets on disk) with a CSRF token
 * each, idle and absolute expiry, and a limit on failed logins per name and
 * per address. A session lasts only while its account is as it was at
 * sign-in (heldBy): removed, given another role or another password — in
 * the workbench or with the command line — it ends at its next request.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Account, Role } from "./users.ts";

export interface Session {
  id: string;
  name: string;
  role: Role;
  /** The account's password hash at sign-in: a new password changes it. */
  credential: string;
  csrf: string;
  created: number;
  seen: number;
}

/** Whether `account` (as it is now, undefined when removed) is still the one the session signed in as. */
export function heldBy(session: Session, account: Pick<Account, "name" | "role" | "hash"> | undefined): boolean {
  return account !== undefined && account.name === session.name && account.role === session.role && account.hash === session.credential;
}

export const IDLE_MINUTES = 30;
export const MAX_HOURS = 8;

export function token(): string {
  return randomBytes(32).toString("base64url");
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Sessions {
  private readonly byId = new Map<string, Session>();
  private readonly now: () => number;
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  create(account: Pick<Account, "name" | "role" | "hash">): Session {
    const t = this.now();
    const session = { id: token(), name: account.name, role: account.role, credential: account.hash, csrf: token(), created: t, seen: t };
    this.byId.set(session.id, session);
    return session;
  }

  /** The live session for a cookie value; an expired one is dropped. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.seen > IDLE_MINUTES * 60_000 || t - s.created > MAX_HOURS * 3_600_000) {
      this.byId.delete(id);
      return undefined;
    }
    s.seen = t;
    return s;
  }

  end(id: string | undefined): void {
    if (id) this.byId.delete(id);
  }
}

/** Failed logins: after `limit` failures within the window, a key (name or address) waits until the window has passed. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  constructor(limit = 5, windowMs = 15 * 60_000, now: () => number = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
  }

  private recent(key: string): number[] {
    const t = this.now();
    const kept = (this.failures.get(key) ?? []).filter((at) => t - at < this.windowMs);
    this.failures.set(key, kept);
    return kept;
  }

  /** Minutes until `key` may try again, or 0. */
  blockedFor(...keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const r = this.recent(key);
      if (r.length >= this.limit) wait = Math.max(wait, Math.ceil((this.windowMs - (this.now() - (r[0] ?? 0))) / 60_000));
    }
    return wait;
  }

  fail(...keys: string[]): void {
    for (const key of keys) this.recent(key).push(this.now());
  }

  succeed(...keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
