/** @jsxImportSource satori/jsx */
/**
 * 规范: a rule list such as 十要十不要 — numbered 要 and 不要 items on two
 * white cards under (or beside) the title band. Every item is shown; only the
 * 2.35:1 cover, too low for ten lines, shows the first three of each with the
 * count.
 */
import type { PosterSize } from "../sizes.ts";
import { PosterError, type PosterInput } from "../templates.ts";
import { DO_GREEN, fitted, fitUnderHeading, footerHeight, frameOf, Footer, INK, Lines, linesHeight, ON_PRIMARY, ON_PRIMARY_SOFT, Page, phrases, PhotoBox, type Element } from "./common.tsx";

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const COVER_ITEMS = 3;

export function rules(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity } = input;
  const all = { dos: input.dos ?? [], donts: input.donts ?? [] };
  if (all.dos.length + all.donts.length === 0) throw new PosterError(`公益广告“${input.name}”使用规范版式（rules），但没有条目：请填写 dos（要）和 donts（不要），或选择一个礼仪指南`);
  const cut = f.shape === "cover" ? COVER_ITEMS : NUMERALS.length;
  const pad = f.u * 4.5;
  const inner = { width: f.w - 2 * pad, height: f.h - 2 * pad - footerHeight(input, f) - f.u * 2 };
  const gap = f.u * 2.5;
  const title = f.wide
    ? { width: inner.width * (f.shape === "cover" ? 0.3 : 0.28), height: inner.height }
    : { width: inner.width, height: inner.height * (input.image ? 0.3 : f.upright ? 0.2 : 0.28) };
  const picture = input.image ? (f.wide ? { width: title.width, height: title.height * 0.42 } : { width: f.u * 26, height: title.height - f.u * 2 }) : undefined;
  const titleText = { width: f.wide ? title.width : title.width - (picture ? picture.width + gap : 0), height: f.wide && picture ? title.height - picture.height - gap : title.height };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: titleText.width, height: titleText.height * 0.3, max: f.u * 4.5, min: f.u * 2.4, weight: 700 }, true) : undefined;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) + f.u * 1.5 : 0;
  const head = fitted(input, size, "标题", phrases(input.slogan), { width: titleText.width, height: titleText.height - subHeight, max: f.u * 12, min: f.u * 3.4, weight: 900 });
  const area = f.wide ? { width: inner.width - title.width - gap, height: inner.height } : { width: inner.width, height: inner.height - title.height - gap };
  // Two cards side by side, except on a tall phone screen, where each needs the full width.
  const sideBySide = f.shape !== "tall";
  const card = sideBySide ? { width: (area.width - gap) / 2, height: area.height } : { width: area.width, height: (area.height - gap) / 2 };
  const cardPad = f.u * 2.2;
  const numbered = (items: readonly string[]) => items.slice(0, cut).map((t, i) => `${NUMERALS[i] ?? i + 1}、${t}`);
  const lists = { dos: numbered(all.dos), donts: numbered(all.donts) };
  // The card's heading is one line at 1.3× the item size (line height 1.4).
  const listBox = { width: card.width - 2 * cardPad, height: card.height - 2 * cardPad - f.u, max: f.u * 4.4, min: f.u * 1.9, weight: 700 as const, lineHeight: 1.4 };
  const fitList = (what: string, items: string[]) => fitUnderHeading(input, size, what, items, listBox, 1.3 * 1.4);
  const doFit = fitList("“要”条目", lists.dos);
  const dontFit = fitList("“不要”条目", lists.donts);
  const itemSize = Math.min(doFit.size, dontFit.size);
  const Card = ({ heading, items, colour, total }: { heading: string; items: string[]; colour: string; total: number }) => (
    <div
      style={{
        flexDirection: "column",
        width: card.width,
        height: card.height,
        backgroundColor: "#ffffff",
        borderRadius: f.u * 1.5,
        padding: cardPad,
        borderLeft: `${f.u * 1.2}px solid ${colour}`,
      }}
    >
      <div style={{ fontSize: itemSize * 1.3, fontWeight: 900, color: colour, lineHeight: 1.4, marginBottom: f.u }}>{total > items.length ? `${heading}（共 ${total} 条）` : heading}</div>
      {items.map((t) => (
        <div style={{ fontSize: itemSize, color: INK, lineHeight: 1.4, fontWeight: 700 }}>{t}</div>
      ))}
    </div>
  );
  const align = f.wide ? "flex-start" : "center";
  return (
    <Page f={f} background={identity.primary} pad={pad}>
      <div style={{ flexDirection: f.wide ? "row" : "column", justifyContent: "space-between", height: inner.height }}>
        <div style={{ flexDirection: f.wide ? "column" : "row", justifyContent: "space-between", alignItems: "center", width: title.width, height: title.height }}>
          {picture && input.image ? <PhotoBox image={input.image} width={picture.width} height={picture.height} background={identity.primary} credit={input.credit} u={f.u} /> : null}
          <div style={{ flexDirection: "column", justifyContent: "center", alignItems: align, width: titleText.width, height: titleText.height }}>
            <Lines text={head.lines} size={head.size} color={ON_PRIMARY} weight={900} align={align} />
            {sub ? <Lines text={sub.lines} size={sub.size} color={ON_PRIMARY_SOFT} weight={700} align={align} style={{ marginTop: f.u * 1.5 }} /> : null}
          </div>
        </div>
        <div style={{ flexDirection: sideBySide ? "row" : "column", justifyContent: "space-between", width: area.width, height: area.height }}>
          <Card heading="要" items={doFit.lines} colour={DO_GREEN} total={all.dos.length} />
          <Card heading="不要" items={dontFit.lines} colour={identity.primary} total={all.donts.length} />
        </div>
      </div>
      <Footer input={input} f={f} />
    </Page>
  );
}
