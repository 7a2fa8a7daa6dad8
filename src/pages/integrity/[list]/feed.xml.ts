/** Atom feed per list: one item per listing and per stop of publication (the latter without name). */
import type { APIRoute, GetStaticPaths } from "astro";
import { asOf, integrity, site } from "../../../collections.ts";
import { atomFeed } from "../../../lib/site/atom.ts";
import { listEvents } from "../../../lib/integrity/listing.ts";
import { LISTS, LIST_NAMES, type ListKind } from "../../../primitives/integrity-terms.ts";
import { urls } from "../../../lib/site/urls.ts";

export const getStaticPaths = (() => LISTS.map((list) => ({ params: { list } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const list = params["list"] as ListKind;
  const name = LIST_NAMES[list];
  const items = listEvents(integrity, list, asOf)
    .slice(0, 200)
    .map((ev) =>
      ev.kind === "listed"
        ? {
            id: `${list}-${ev.entry.id}-listed`,
            title: `${ev.entry.subjectName} 列入${name}`,
            path: urls.entry(list, ev.entry.id),
            date: ev.date,
            summary: `${ev.entry.authority} ${ev.entry.docNumber}：${ev.entry.reason}`,
          }
        : { id: `${list}-${ev.entry.id}-stopped`, title: `一条${name}信息停止公示`, path: urls.entry(list, ev.entry.id), date: ev.date, summary: `编号 ${ev.entry.id} 的${name}信息已停止公示。` },
    );
  return new Response(atomFeed({ site, title: `${site.city}诚信${name}`, path: urls.listFeed(list), updated: asOf, items }), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
