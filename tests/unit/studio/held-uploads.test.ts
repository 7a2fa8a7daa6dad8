/**
 * Files held from a refused save (src/studio/held-uploads.ts): given back
 * only to the account that chose them, for a day, until let go.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { heldUploads, holdUploads, releaseUploads } from "../../../src/studio/held-uploads.ts";

describe("files held from a refused save", () => {
  const data = mkdtempSync(join(tmpdir(), "held-"));
  const files = [
    { field: "coverFile", name: "封面.jpg", bytes: Buffer.from([0xff, 0xd8, 0xff, 0x00]) },
    { field: "attachmentFiles", name: "通知 (1).pdf", bytes: Buffer.from("%PDF-1.7\n") },
    { field: "attachmentFiles", name: "名单.xlsx", bytes: Buffer.alloc(0) },
  ];

  it("are given back whole, in their order, to the account that chose them", async () => {
    const token = await holdUploads(data, "张三", files);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await heldUploads(data, "张三", token)).toEqual(files);
  });

  it.each([
    ["another account", "李四", (t: string) => t, 0],
    ["a token changed by a character", "张三", (t: string) => `${t.slice(0, -1)}${t.endsWith("0") ? "1" : "0"}`, 0],
    ["a path for a token", "张三", () => "../../users.json", 0],
    ["an upper-case token", "张三", (t: string) => t.toUpperCase(), 0],
    ["a day later", "张三", (t: string) => t, 24 * 60 * 60 * 1000 + 1],
  ])("are not given to %s", async (_who, owner, change, later) => {
    const token = await holdUploads(data, "张三", files);
    expect(await heldUploads(data, owner, change(token), Date.now() + later)).toBeUndefined();
  });

  it("no token holds nothing; a released token is gone", async () => {
    expect(await heldUploads(data, "张三", "")).toEqual([]);
    const token = await holdUploads(data, "张三", files);
    await releaseUploads(data, token);
    expect(await heldUploads(data, "张三", token)).toBeUndefined();
  });

  it("what was held over a day ago is let go when more is held", async () => {
    const old = await holdUploads(data, "张三", files, Date.now() - 2 * 24 * 60 * 60 * 1000);
    await holdUploads(data, "张三", files, Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await heldUploads(data, "张三", old, Date.now() - 2 * 24 * 60 * 60 * 1000)).toBeUndefined();
  });
});
