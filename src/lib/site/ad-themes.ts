/** Theme browse links for the 公益广告 gallery: 全部 and each theme in use, in the order of the site's `themes`, with counts. */
import { urls } from "./urls.ts";

export function adThemes(ads: readonly { data: { theme: string } }[], themes: readonly string[], withAll: boolean): { href: string; label: string; count: number }[] {
  const used = themes.filter((t) => ads.some((a) => a.data.theme === t));
  const links = used.map((t) => ({ href: urls.adTheme(t), label: t, count: ads.filter((a) => a.data.theme === t).length }));
  return withAll ? [{ href: urls.ads(), label: "全部", count: ads.length }, ...links] : links;
}
