/** The handbook's chapters from the build's collections, for the reading pages. */
import { conventions, guides, handbook, questions } from "../../collections.ts";
import { handbookChapters, type Chapter } from "./chapters.ts";

export const readingChapters: Chapter[] = handbook
  ? handbookChapters({ handbook, conventions: conventions.map((c) => ({ id: c.id, ...c.data })), guides: guides.map((g) => ({ id: g.id, data: g.data })), questions: questions.map((q) => q.data) })
  : [];
