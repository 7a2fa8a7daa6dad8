/** @jsxImportSource satori/jsx */
/** 好人榜: a batch's people in a grid with their photos (a placeholder without one), up to 30 on one poster. */
import { textWidth } from "../fonts.ts";
import type { PosterSize } from "../sizes.ts";
import type { PosterInput } from "../templates.ts";
import { fitted, footerHeight, frameOf, Footer, Header, headerHeight, Lines, linesHeight, ON_PRIMARY, ON_PRIMARY_SOFT, Page, phrases, Photo, Placeholder, type Element } from "./common.tsx";

/** At most this many people on one poster; a larger batch ends with 等 N 位. */
export const HONOUR_MAX = 30;
const CARD = "#fffaf0";
const CATEGORY_INK = "#5a4300";

/** Columns and cell width that make the cells largest for `n` people in a `width`×`height` box (cells are `ratio` times taller than wide). */
export function gridFor(n: number, width: number, height: number, ratio: number): { cols: number; cell: number } {
  let best = { cols: 1, cell: 0 };
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.ceil(n / cols);
    const cell = Math.min(width / cols, height / rows / ratio);
    if (cell > best.cell) best = { cols, cell };
  }
  return best;
}

export function honour(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity } = input;
  const pad = f.u * 5;
  const inner = f.w - 2 * pad;
  const middle = f.h - 2 * pad - headerHeight(f) - footerHeight(input, f) - f.u * 3;
  const titleBox = { width: f.wide ? inner * 0.4 : inner, height: f.wide ? middle : middle * (f.upright ? 0.3 : 0.4) };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: titleBox.width, height: titleBox.height * 0.3, max: f.u * 5, min: f.u * 2.4 }, true) : undefined;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) + f.u * 2 : 0;
  const main = fitted(input, size, "标语", phrases(input.slogan), { width: titleBox.width, height: titleBox.height - subHeight, max: f.u * 12, min: f.u * 3.6, weight: 900 });
  const people = input.people ?? [];
  const shown = people.slice(0, HONOUR_MAX);
  const more = people.length > shown.length;
  const grid = { width: f.wide ? inner * 0.57 : inner, height: f.wide ? middle : middle - titleBox.height - f.u * 2 };
  const gridPad = f.u * 2;
  const moreLine = more ? f.u * 4 : 0;
  const usable = { width: grid.width - 2 * gridPad, height: grid.height - 2 * gridPad - moreLine };
  // Photo cells are square photos with two lines below: 1.45 times taller than wide.
  const withPhotos = gridFor(shown.length, usable.width, usable.height, 1.45);
  const photos = withPhotos.cell >= f.u * 6;
  const { cell } = photos ? withPhotos : gridFor(shown.length, usable.width, usable.height, 0.5);
  const longest = shown.reduce((m, p) => Math.max(m, textWidth(p.name, 1, 900)), 1);
  const nameSize = Math.min(cell * (photos ? 0.17 : 0.22), (cell * 0.92) / longest, f.u * 5);
  const catSize = nameSize * 0.62;
  const photoSide = photos ? Math.floor(cell * 0.74) : 0;
  const cellHeight = photos ? cell * 1.45 : cell * 0.5;
  const align = f.wide ? "flex-start" : "center";
  return (
    <Page f={f} background={identity.primary} pad={pad}>
      <Header identity={identity} f={f} text={`${identity.city}好人榜`} />
      <div style={{ height: middle, flexDirection: f.wide ? "row" : "column", justifyContent: "space-between", alignItems: "center" }}>
        <div style={{ flexDirection: "column", alignItems: align, justifyContent: "center", width: titleBox.width, height: titleBox.height }}>
          <Lines text={main.lines} size={main.size} color={ON_PRIMARY} weight={900} align={align} />
          {sub ? <Lines text={sub.lines} size={sub.size} color={ON_PRIMARY_SOFT} weight={700} align={align} style={{ marginTop: f.u * 2 }} /> : null}
        </div>
        <div style={{ flexDirection: "column", width: grid.width, height: grid.height, backgroundColor: CARD, borderRadius: f.u * 2, padding: gridPad, justifyContent: "center" }}>
          <div style={{ flexWrap: "wrap", width: usable.width, justifyContent: "center", alignContent: "center" }}>
            {shown.map((p) => (
              <div style={{ width: cell, height: cellHeight, flexDirection: "column", alignItems: "center", justifyContent: "center" }}>
                {photos ? (
                  p.photo ? (
                    <Photo image={p.photo} width={photoSide} height={photoSide} background={CARD} radius={photoSide / 2} />
                  ) : (
                    <Placeholder name={p.name} d={photoSide} identity={identity} />
                  )
                ) : null}
                <div style={{ fontSize: nameSize, fontWeight: 900, color: identity.primary, lineHeight: 1.3, marginTop: photos ? cell * 0.04 : 0 }}>{p.name}</div>
                <div style={{ fontSize: catSize, color: CATEGORY_INK, fontWeight: 700, lineHeight: 1.3 }}>{p.category}</div>
              </div>
            ))}
          </div>
          {more ? (
            <div style={{ width: "100%", height: moreLine, justifyContent: "center", alignItems: "center", fontSize: f.u * 3, color: CATEGORY_INK, fontWeight: 700 }}>{`等 ${people.length} 位`}</div>
          ) : null}
        </div>
      </div>
      <Footer input={input} f={f} emblem={false} />
    </Page>
  );
}
