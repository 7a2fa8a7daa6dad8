/** @jsxImportSource satori/jsx */
/** 标语: the slogan on the campaign colour, with the skyline — or the ad's image in its place. */
import type { PosterSize } from "../sizes.ts";
import type { PosterInput } from "../templates.ts";
import { fitted, footerHeight, frameOf, Footer, Header, headerHeight, Lines, linesHeight, ON_PRIMARY, ON_PRIMARY_SOFT, Page, phrases, PhotoBox, Skyline, type Element } from "./common.tsx";

export function slogan(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity } = input;
  const pad = f.u * (f.shape === "cover" ? 7 : 6);
  const middle = f.h - 2 * pad - headerHeight(f) - footerHeight(input, f) - f.u * 4;
  // With an image the picture takes a real share of the poster (beside the text on a square); the skyline is a strip.
  const beside = f.wide || (input.image !== undefined && f.shape === "square");
  const artShare = input.image ? 0.4 : f.shape === "square" ? 0.1 : 0.14;
  const artHeight = beside ? middle : f.h * artShare;
  const artWidth = beside ? f.w * (input.image ? (f.wide ? 0.36 : 0.4) : 0.3) : f.w - 2 * pad;
  const textBox = { width: beside ? f.w - 2 * pad - artWidth - f.u * 4 : f.w - 2 * pad, height: beside ? middle : middle - artHeight - f.u * 3 };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: textBox.width, height: textBox.height * 0.3, max: f.u * 6, min: f.u * 2.6, weight: 700 }, true) : undefined;
  const barHeight = f.u * 7.2;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) : 0;
  const main = fitted(input, size, "标语", phrases(input.slogan), { width: textBox.width, height: textBox.height - subHeight - barHeight, max: f.u * (beside ? 24 : 20), min: f.u * 5, weight: 900 });
  const align = beside ? "flex-start" : "center";
  const art = input.image ? (
    <PhotoBox image={input.image} width={artWidth} height={beside ? artHeight * 0.9 : artHeight} background={identity.primary} radius={f.u * 2} credit={input.credit} u={f.u} />
  ) : (
    <Skyline width={artWidth} height={f.wide ? artHeight * 0.8 : artHeight} color={identity.primary} over="#ffffff" />
  );
  return (
    <Page f={f} background={identity.primary} pad={pad}>
      <Header identity={identity} f={f} text={`${identity.city}公益广告`} />
      <div style={{ height: middle, flexDirection: beside ? "row" : "column", justifyContent: "space-between", alignItems: "center" }}>
        <div style={{ flexDirection: "column", alignItems: align, justifyContent: "center", width: textBox.width, height: textBox.height }}>
          <Lines text={main.lines} size={main.size} color={ON_PRIMARY} weight={900} align={align} />
          <div style={{ width: f.u * 18, height: f.u * 1.2, backgroundColor: identity.accent, marginTop: f.u * 3, marginBottom: f.u * 3 }} />
          {sub ? <Lines text={sub.lines} size={sub.size} color={ON_PRIMARY_SOFT} weight={700} align={align} /> : null}
        </div>
        {art}
      </div>
      <Footer input={input} f={f} emblem={false} />
    </Page>
  );
}
