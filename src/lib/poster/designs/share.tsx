/** @jsxImportSource satori/jsx */
/** 1200×630 share card for any page. Never carries more than a title and a line of text. */
import type { PosterSize } from "../sizes.ts";
import type { PosterInput } from "../templates.ts";
import { Emblem, fitted, frameOf, Lines, type Element } from "./common.tsx";

export function share(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity } = input;
  const pad = f.u * 8;
  const title = fitted(input, size, "标题", [input.slogan], { width: f.w - 2 * pad, height: f.h * 0.42, max: f.u * 13, min: f.u * 5.5, weight: 900 }, true);
  const sub = input.sub ? fitted(input, size, "说明", [input.sub], { width: f.w - 2 * pad, height: f.h * 0.2, max: f.u * 5.4, min: f.u * 3.4, weight: 400 }, true) : undefined;
  return (
    <div
      style={{
        width: f.w,
        height: f.h,
        backgroundColor: "#fffaf4",
        padding: pad,
        paddingBottom: f.u * 5,
        flexDirection: "column",
        justifyContent: "space-between",
        fontFamily: "Noto Sans SC",
      }}
    >
      <div style={{ alignItems: "center" }}>
        <Emblem identity={identity} d={f.u * 12} />
        <div style={{ marginLeft: f.u * 3, fontSize: f.u * 5.5, color: identity.primary, fontWeight: 700 }}>{`${identity.city}文明网${input.label ? ` · ${input.label}` : ""}`}</div>
      </div>
      <div style={{ flexDirection: "column" }}>
        <Lines text={title.lines} size={title.size} color="#1f1f1f" weight={900} align="flex-start" />
        {sub ? <Lines text={sub.lines} size={sub.size} color="#444444" weight={400} align="flex-start" style={{ marginTop: f.u * 2 }} /> : null}
      </div>
      <div style={{ width: "100%", height: f.u * 2.5, backgroundColor: identity.primary }} />
    </div>
  );
}
