/** @jsxImportSource satori/jsx */
/** 礼仪: a guide's scene with its 应该 / 不应该 columns on white cards. */
import type { PosterSize } from "../sizes.ts";
import type { PosterInput } from "../templates.ts";
import { DO_GREEN, fitted, fitUnderHeading, footerHeight, frameOf, Footer, INK, Lines, ON_PRIMARY, ON_PRIMARY_SOFT, Page, phrases, type Element } from "./common.tsx";

export function etiquette(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity } = input;
  const pad = f.u * 5;
  const inner = f.w - 2 * pad;
  const middle = f.h - 2 * pad - footerHeight(input, f) - f.u * 2;
  const titleBox = { width: f.wide ? inner * 0.38 : inner, height: f.wide ? middle : middle * (f.upright ? 0.24 : 0.3) };
  const sceneSize = f.u * 4;
  const head = fitted(input, size, "标语", phrases(input.slogan), { width: titleBox.width, height: titleBox.height - (input.scene ? sceneSize * 1.6 : 0), max: f.u * 14, min: f.u * 3.6, weight: 900 });
  const n = f.shape === "cover" ? 2 : 4;
  const dos = (input.dos ?? []).slice(0, n);
  const donts = (input.donts ?? []).slice(0, n);
  const gap = f.u * 2;
  const area = { width: f.wide ? inner * 0.6 : inner, height: f.wide ? middle : middle - titleBox.height - gap };
  const colWidth = f.upright ? area.width : area.width / 2 - gap / 2;
  const colHeight = f.upright ? area.height / 2 - gap / 2 : area.height;
  const colPad = f.u * 2.5;
  const listBox = { width: colWidth - 2 * colPad, height: colHeight - 2 * colPad - f.u * 1.2, max: f.u * 4.6, min: f.u * 2, weight: 700 as const, lineHeight: 1.45 };
  // The column title takes one line at 1.2× the item size (line height 1.3).
  const fitItems = (what: string, items: string[]) => fitUnderHeading(input, size, what, items, listBox, 1.2 * 1.3);
  const doFit = fitItems(
    "“应该”条目",
    dos.map((d) => `√ ${d}`),
  );
  const dontFit = fitItems(
    "“不应该”条目",
    donts.map((d) => `× ${d}`),
  );
  const itemSize = Math.min(doFit.size, dontFit.size);
  const column = (title: string, items: string[], colour: string) => (
    <div
      style={{
        flexDirection: "column",
        width: colWidth,
        height: colHeight,
        backgroundColor: "#ffffff",
        borderRadius: f.u * 2,
        padding: colPad,
        borderTop: `${f.u * 1.2}px solid ${colour}`,
      }}
    >
      <div style={{ fontSize: itemSize * 1.2, fontWeight: 900, color: colour, lineHeight: 1.3 }}>{title}</div>
      {items.map((t) => (
        <div style={{ fontSize: itemSize, color: INK, lineHeight: 1.45, fontWeight: 700 }}>{t}</div>
      ))}
    </div>
  );
  const align = f.wide ? "flex-start" : "center";
  return (
    <Page f={f} background={identity.primary} pad={pad}>
      <div style={{ height: middle, flexDirection: f.wide ? "row" : "column", justifyContent: "space-between", alignItems: "center" }}>
        <div style={{ flexDirection: "column", alignItems: align, justifyContent: "center", width: titleBox.width, height: titleBox.height }}>
          {input.scene ? <div style={{ fontSize: sceneSize, color: ON_PRIMARY_SOFT, fontWeight: 700, marginBottom: sceneSize * 0.4 }}>{input.scene}</div> : null}
          <Lines text={head.lines} size={head.size} color={ON_PRIMARY} weight={900} align={align} />
        </div>
        <div style={{ flexDirection: f.upright ? "column" : "row", justifyContent: "space-between", width: area.width, height: area.height }}>
          {column("应该", doFit.lines, DO_GREEN)}
          {column("不应该", dontFit.lines, identity.primary)}
        </div>
      </div>
      <Footer input={input} f={f} />
    </Page>
  );
}
