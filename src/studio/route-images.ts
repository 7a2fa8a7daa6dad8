/**
 * 图片库: the pictures of content/images/ (posters' main pictures, partners'
 * logos, the office's logo), shown, and new ones uploaded from the browser —
 * so a poster's picture or a logo never needs a file put into the content
 * folder by hand. Each upload is judged by its content (uploads.ts), stored
 * without replacing another file, and saved like any change: checked by the
 * loader and committed in the account's name.
 */
import type { Hono } from "hono";
import { readdir } from "node:fs/promises";
import { extname } from "node:path";
import { allowed, formOf, hiddenCsrf, studioPage, type Ctx, type Env, type Studio } from "./app.ts";
import { fieldErrors } from "./forms.ts";
import { html } from "./html.ts";
import { FILE_TYPES } from "./route-site.ts";
import { freePath, processLibraryImage } from "./uploads.ts";

/** Extensions the library lists and the posters' fields offer (the loader's image formats). */
const LIBRARY_IMAGE = /\.(png|jpe?g|webp|svg)$/i;

/** The pictures of the library, as content paths (images/<name>), sorted. */
export async function libraryImages(root: string): Promise<string[]> {
  const names = await readdir(`${root}/images`).catch(() => [] as string[]);
  return names
    .filter((n) => LIBRARY_IMAGE.test(n))
    .sort()
    .map((n) => `images/${n}`);
}

/** At most this many pictures are uploaded with one save. */
const MAX_PER_UPLOAD = 20;

function libraryPage(c: Ctx, images: readonly string[], problems: readonly string[] = [], flash?: string): Response {
  return studioPage(
    c,
    "图片库",
    html`<p>海报的主图、合作单位标识和网站标识都从这里选用。上传后，在“海报制作”的“主图”“合作单位标识”或“网站设置”的“标识图片”中选用或填写图片的路径（如 images/qingming.jpg）。</p>
      <form method="post" action="/images" class="edit" enctype="multipart/form-data">
        ${hiddenCsrf(c)}
        <div class="field drop${problems.length ? " has-error" : ""}" data-drop="image-files">
          <label for="image-files">上传图片</label>
          <p class="help" id="image-help">
            把图片拖到这里，或点击选择文件，可一次选多个（JPG、PNG、WebP 或不含脚本的 SVG，每个不超过 10
            MB）；照片自动转正方向、去除拍摄地点等信息，保留原尺寸和透明背景；按原文件名保存，不会覆盖已有的其他图片。
          </p>
          <input
            id="image-files"
            name="imageFiles[]"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/svg+xml,.svg"
            aria-describedby="image-help${problems.length ? " image-files-error" : ""}"
          />
          ${fieldErrors("image-files", problems)}
        </div>
        <button type="submit">上传</button>
      </form>
      <h2>已有图片（${images.length}）</h2>
      <ul class="library">
        ${images.map(
          (path) =>
            html`<li>
              <figure>
                <img src="/images/file/${encodeURIComponent(path.slice("images/".length))}" alt="" loading="lazy" />
                <figcaption>${path}</figcaption>
              </figure>
            </li>`,
        )}
      </ul>`,
    flash,
  );
}

export function imageRoutes(app: Hono<Env>, studio: Studio): void {
  const { store } = studio;

  app.get("/images", async (c) => libraryPage(c, await libraryImages(store.root), [], c.req.query("saved") ? `已上传：${c.req.query("saved")}` : undefined));

  // Only a picture the library lists is served: the name is looked up, never joined into a path as sent.
  app.get("/images/file/:name", async (c) => {
    const path = `images/${c.req.param("name")}`;
    if (!(await libraryImages(store.root)).includes(path)) return c.notFound();
    const bytes = await store.read(path);
    if (!bytes) return c.notFound();
    const type = FILE_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": type, "Cache-Control": "no-store" });
  });

  app.post("/images", async (c) => {
    const denied = allowed(c, "edit");
    if (denied) return denied;
    const uploads = [formOf(c)["imageFiles[]"]].flat().filter((f): f is File => f instanceof File && f.size > 0);
    const again = (problems: string[]) => {
      c.status(422);
      return libraryImages(store.root).then((images) => libraryPage(c, images, problems));
    };
    if (uploads.length === 0) return again(["请选择要上传的图片"]);
    if (uploads.length > MAX_PER_UPLOAD) return again([`一次至多上传 ${MAX_PER_UPLOAD} 张图片，这次选择了 ${uploads.length} 张`]);
    const changes = new Map<string, Buffer>();
    const problems: string[] = [];
    for (const upload of uploads) {
      const processed = await processLibraryImage(Buffer.from(await upload.arrayBuffer()), upload.name);
      if ("error" in processed) problems.push(processed.error);
      else changes.set(await freePath(store, "images", processed.name, processed.data, new Set(changes.keys())), processed.data);
    }
    // One refused picture refuses the upload: staff choose again, knowing which and why.
    if (problems.length > 0) return again(problems);
    const s = c.get("session");
    const paths = [...changes.keys()];
    const result = await store.save(new Map(changes), `图片库：上传 ${paths.join("、")}（${s.name}）`, { name: s.name }, studio.asOf());
    if (!result.ok) return again(result.problems.map((p) => `${p.file}${p.field ? ` · ${p.field}` : ""} · ${p.message}`));
    return c.redirect(`/images?saved=${encodeURIComponent(paths.join("、"))}`, 303);
  });
}
