/** Theme browse links for the 公益广告 gallery: 全部 and each theme in use, in the order of THEMES, with counts. */
import { THEMES } from "../../schemas/ad.ts";
import { urls } from "./urls.ts";

export function adThemes(ads: readonly { data: { theme: string } }[], withAll: boolean): { href: string; label: string; count: number }[] {
  const used = THEMES.filter((t) => ads.some((a) => a.data.theme === t));
  const links = used.map((t) => ({ href: urls.adTheme(t), label: t, count: ads.filter((a) => a.data.theme === t).length }));
  return withAll ? [{ href: urls.ads(), label: "全部", count: ads.length }, ...links] : links;
}
