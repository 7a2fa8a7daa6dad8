/**
 * Workbench accounts: name, role and a password stored only as a scrypt
 * hash (Node's crypto; a memory-hard, maintained KDF) with its own salt, in
 * `<data>/users.json` — outside the content folder and git-ignored.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ROLES = ["编辑", "审核", "管理员"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do; checked on the server for every request. */
export type Permission = "edit" | "approve" | "publish" | "settings";
const PERMISSIONS: Record<Role, readonly Permission[]> = {
  编辑: ["edit"],
  审核: ["edit", "approve", "publish"],
  管理员: ["edit", "approve", "publish", "settings"],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

export interface Account {
  name: string;
  role: Role;
  salt: string;
  hash: string;
  /** scrypt cost, kept with the hash so it can be raised later without breaking old accounts. */
  N: number;
}

const KEY_LENGTH = 64;
const COST = 2 ** 15;

function scrypt(password: string, salt: Buffer, N: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r: 8, p: 1, maxmem: 128 * N * 8 * 2 };
  return new Promise((resolve, reject) => scryptCallback(password.normalize("NFC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function checkRole(role: Role): void {
  if (!ROLES.includes(role)) throw new Error(`角色“${String(role)}”不存在：应为 ${ROLES.join("、")} 之一`);
}

/** A password's salt, hash and cost, once it is long enough. */
async function hashed(password: string): Promise<Pick<Account, "salt" | "hash" | "N">> {
  if ([...password].length < 10) throw new Error("密码太短：至少 10 个字符");
  const salt = randomBytes(16);
  return { salt: salt.toString("base64"), hash: (await scrypt(password, salt, COST)).toString("base64"), N: COST };
}

export const USER_NAME = /^[\p{Script=Han}A-Za-z0-9_.-]{2,20}$/u;

export class Accounts {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, "users.json");
  }

  list(): Account[] {
    if (!existsSync(this.file)) return [];
    return (JSON.parse(readFileSync(this.file, "utf8")) as { users: Account[] }).users;
  }

  find(name: string): Account | undefined {
    return this.list().find((a) => a.name === name);
  }

  /** Adds the account, or replaces the one of that name (role and password). */
  async add(name: string, role: Role, password: string): Promise<void> {
    if (!USER_NAME.test(name)) throw new Error(`用户名“${name}”不可用：应为 2 至 20 个汉字、字母、数字或 _ . -`);
    checkRole(role);
    const others = this.list().filter((a) => a.name !== name);
    this.write([...others, { name, role, ...(await hashed(password)) }]);
  }

  /** Gives an existing account another role. */
  setRole(name: string, role: Role): void {
    checkRole(role);
    this.write(this.#existing(name).map((a) => (a.name === name ? { ...a, role } : a)));
  }

  /** Gives an existing account a new password. */
  async setPassword(name: string, password: string): Promise<void> {
    const all = this.#existing(name);
    const secret = await hashed(password);
    this.write(all.map((a) => (a.name === name ? { ...a, ...secret } : a)));
  }

  /** Every account, when `name` is one of them. */
  #existing(name: string): Account[] {
    const all = this.list();
    if (!all.some((a) => a.name === name)) throw new Error(`账号“${name}”不存在`);
    return all;
  }

  remove(name: string): boolean {
    const all = this.list();
    const kept = all.filter((a) => a.name !== name);
    this.write(kept);
    return kept.length !== all.length;
  }

  /** The account when the password is right; the same work is done for an unknown name, so timing tells nothing. */
  async verify(name: string, password: string): Promise<Account | undefined> {
    const account = this.find(name);
    const salt = account ? Buffer.from(account.salt, "base64") : randomBytes(16);
    const key = await scrypt(password, salt, account?.N ?? COST);
    if (!account) return undefined;
    const expected = Buffer.from(account.hash, "base64");
    return expected.length === key.length && timingSafeEqual(expected, key) ? account : undefined;
  }

  private write(users: Account[]): void {
    mkdirSync(join(this.file, ".."), { recursive: true, mode: 0o700 });
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }
}
