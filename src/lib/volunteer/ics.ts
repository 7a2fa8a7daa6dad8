/**
 * iCalendar (RFC 5545) for volunteer activities: one event per file or a
 * feed of upcoming ones. Lines end in CRLF and are folded at 75 octets
 * without splitting a UTF-8 character; times are written in UTC; DTSTAMP is
 * the build's as-of day, so the same content gives the same bytes.
 */
import type { IsoDate } from "../../primitives/dates.ts";
import type { VolunteerData } from "../../schemas/volunteer.ts";

export interface IcsEvent {
  id: string;
  data: VolunteerData;
  /** Absolute URL of the activity's page. */
  url: string;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** 2026-12-12T09:00:00+08:00 → 20261212T010000Z */
export function utcStamp(time: string): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function eventLines(e: IcsEvent, host: string, asOf: IsoDate): string[] {
  const d = e.data;
  const description = [
    d.summary,
    `服务对象：${d.audience}`,
    `招募人数：${d.recruit}`,
    ...d.requirements.map((r) => `要求：${r}`),
    `组织方：${d.organiser.name} ${d.organiser.team}`,
    `咨询电话：${d.contact}`,
    `报名：${d.registration}`,
  ].join("\n");
  return [
    "BEGIN:VEVENT",
    `UID:${e.id}@${host}`,
    `DTSTAMP:${asOf.replace(/-/g, "")}T000000Z`,
    `DTSTART:${utcStamp(d.start)}`,
    `DTEND:${utcStamp(d.end)}`,
    `SUMMARY:${escapeText(d.title)}`,
    `LOCATION:${escapeText(`${d.place.station}，${d.place.address}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `CATEGORIES:${escapeText(d.category)}`,
    `URL:${e.url}`,
    "END:VEVENT",
  ];
}

/** A calendar with the given events; `name` becomes the calendar's display name. */
export function icsCalendar(events: readonly IcsEvent[], opts: { name: string; host: string; asOf: IsoDate }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//${opts.host}//wenming//ZH`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    ...events.flatMap((e) => eventLines(e, opts.host, opts.asOf)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
