/** @jsxImportSource satori/jsx */
/**
 * 图片: image-led. The photo runs to the edges (top on upright and square
 * shapes, left on wide ones) and the slogan sits on a solid caption band in
 * the campaign colour — never on the photo, so its contrast does not depend
 * on what the picture shows.
 */
import type { PosterSize } from "../sizes.ts";
import { PosterError, type PosterInput } from "../templates.ts";
import { fitted, footerHeight, frameOf, Footer, Lines, linesHeight, ON_PRIMARY, ON_PRIMARY_SOFT, Page, phrases, PhotoBox, type Element } from "./common.tsx";

/** Share of the poster the photo takes, by shape. */
const PHOTO_SHARE = { tall: 0.6, portrait: 0.56, square: 0.5, landscape: 0.56, cover: 0.42 } as const;

export function photo(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity, image } = input;
  if (!image) throw new PosterError(`公益广告“${input.name}”使用图片版式（photo），但没有主图：请在 image 中填写图片文件`);
  const share = PHOTO_SHARE[f.shape];
  // A square is laid out like the wide shapes: picture left, band right (a band below would leave the slogan too little height).
  const beside = f.wide || f.shape === "square";
  const picture = beside ? { width: Math.round(f.w * share), height: f.h } : { width: f.w, height: Math.round(f.h * share) };
  const band = beside ? { width: f.w - picture.width, height: f.h } : { width: f.w, height: f.h - picture.height };
  const pad = f.u * (f.shape === "cover" ? 5 : 5.5);
  const kickerSize = f.u * (f.shape === "cover" ? 4.6 : 3.4);
  const text = { width: band.width - 2 * pad, height: band.height - 2 * pad - footerHeight(input, f) - kickerSize * 1.6 - f.u * 3 };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: text.width, height: text.height * 0.32, max: f.u * 5.5, min: f.u * 2.6, weight: 700 }, true) : undefined;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) + f.u * 2.5 : 0;
  const main = fitted(input, size, "标语", phrases(input.slogan), { width: text.width, height: text.height - subHeight, max: f.u * (beside ? 16 : 15), min: f.u * 4, weight: 900 });
  return (
    <Page f={f} background={identity.primary} pad={0} direction={beside ? "row" : "column"}>
      <PhotoBox image={image} width={picture.width} height={picture.height} background={identity.primary} credit={input.credit} u={f.u} />
      <div
        style={{
          flexDirection: "column",
          justifyContent: "space-between",
          width: band.width,
          height: band.height,
          padding: pad,
          borderTop: beside ? "none" : `${f.u * 1.2}px solid ${identity.accent}`,
        }}
      >
        <div style={{ flexDirection: "column" }}>
          <div style={{ fontSize: kickerSize, color: ON_PRIMARY_SOFT, fontWeight: 700, lineHeight: 1.3, marginBottom: f.u * 2 }}>{`${identity.city}公益广告`}</div>
          <Lines text={main.lines} size={main.size} color={ON_PRIMARY} weight={900} align="flex-start" />
          {sub ? <Lines text={sub.lines} size={sub.size} color={ON_PRIMARY_SOFT} weight={700} align="flex-start" style={{ marginTop: f.u * 2.5 }} /> : null}
        </div>
        <Footer input={input} f={f} />
      </div>
    </Page>
  );
}
