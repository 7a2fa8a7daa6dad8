/**
 * Forms from the content schemas. Each zod schema is turned into JSON
 * Schema (zod's own z.toJSONSchema) and the form is drawn from that: field
 * names, labels (`title`), help texts (`description`), choices (`enum`),
 * required marks and limits (`maxLength`, `minItems`) all come from the
 * schema, never from a second copy here. Submitted forms are turned back
 * into data by the same JSON Schema, and then checked by the loader — the
 * form itself decides nothing about validity.
 */
import { z } from "zod";
import { html, type Markup } from "./html.ts";

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  default?: unknown;
  /** Shown, not typed (schema meta): filled in by an upload. A list whose items have such a field is added to by uploads only. */
  readOnly?: boolean;
  /** The workbench offers choices for the field (schema meta): "images" — the pictures of the image library. */
  picker?: string;
}

/** The id of the page's list of choices for fields with `picker` (the page carries the list: pickerList). */
export const pickerId = (picker: string) => `picker-${picker}`;

/** Whether any field of the schema offers a picker of that kind. */
export function usesPicker(schema: JsonSchema, picker: string): boolean {
  return schema.picker === picker || Object.values(schema.properties ?? {}).some((s) => usesPicker(s, picker)) || (schema.items ? usesPicker(schema.items, picker) : false);
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** Problems by dotted field path (as the loader reports them: `contact.phone`, `articles.3`). */
export type FieldProblems = Map<string, string[]>;

function problemsAt(problems: FieldProblems, path: string): string[] {
  const out: string[] = [];
  for (const [field, messages] of problems) if (field === path || field.startsWith(`${path}.`)) out.push(...messages);
  return out;
}

function fieldId(path: string): string {
  return `f-${path.replace(/[^\w-]/g, "-")}`;
}

/** The form field of a row's "remove" box (uploadedRows). */
const REMOVE_ROW = "__remove";

/** Whether a list's rows come from uploads: an item field is filled in by an upload (readOnly). */
function uploadedRows(s: JsonSchema): boolean {
  return Object.values(s.items?.properties ?? {}).some((p) => p.readOnly === true);
}

function isScalarArray(s: JsonSchema): boolean {
  return s.type === "array" && s.items?.type !== "object";
}

function help(s: JsonSchema): string {
  const limits = [s.maxLength ? `不超过 ${s.maxLength} 个字` : "", s.minItems ? `至少 ${s.minItems} 项` : "", s.maxItems ? `至多 ${s.maxItems} 项` : ""].filter(Boolean).join("，");
  return [s.description, limits].filter(Boolean).join("；");
}

/** A field's problems, listed under it (`<id>-error`, which the field's aria-describedby names). */
export function fieldErrors(id: string, messages: readonly string[]): Markup {
  return messages.length
    ? html`<ul class="field-error" id="${id}-error">
        ${messages.map((m) => html`<li>${m}</li>`)}
      </ul>`
    : html``;
}

function described(id: string, s: JsonSchema, messages: string[]): string {
  return [help(s) ? `${id}-help` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ");
}

/** A scalar value as a form shows it (YAML may hold numbers or dates where text is expected). */
function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** aria-describedby / aria-invalid, only when there is something to say. */
function aria(by: string, invalid: boolean): Markup {
  return html`${by ? html` aria-describedby="${by}"` : ""}${invalid ? html` aria-invalid="true"` : ""}`;
}

function control(path: string, s: JsonSchema, value: unknown, required: boolean, messages: string[]): Markup {
  const id = fieldId(path);
  const a = aria(described(id, s, messages), messages.length > 0);
  if (s.enum) {
    const current = scalarText(value === undefined ? s.default : value);
    return html`<select id="${id}" name="${path}" ${a}>
      ${required ? "" : html`<option value="">（不填）</option>`} ${s.enum.map((v) => html`<option value="${String(v)}" ${current === String(v) ? html`selected` : ""}>${String(v)}</option>`)}
    </select>`;
  }
  if (isScalarArray(s)) {
    const lines = Array.isArray(value) ? value.map(String).join("\n") : "";
    return html`<textarea id="${id}" name="${path}" rows="${Math.max(3, Math.min(12, (Array.isArray(value) ? value.length : 0) + 1))}" ${a}>${lines}</textarea>`;
  }
  const text = scalarText(value);
  const type = s.format === "date" ? "date" : s.type === "integer" || s.type === "number" ? "number" : s.format === "email" ? "email" : s.format === "uri" ? "url" : "text";
  if (type === "text" && (s.maxLength ?? 0) > 80) return html`<textarea id="${id}" name="${path}" rows="3" ${a} ${required ? html`required` : ""}>${text}</textarea>`;
  return html`<input
    id="${id}"
    name="${path}"
    type="${type}"
    value="${text}"
    ${s.picker ? html`list="${pickerId(s.picker)}"` : ""}
    ${s.readOnly ? html`readonly` : ""}
    ${a}
    ${required ? html`required` : ""}
  />`;
}

function field(path: string, s: JsonSchema, value: unknown, required: boolean, problems: FieldProblems): Markup {
  const id = fieldId(path);
  const label = s.title ?? path;
  if (s.type === "object" && s.properties) {
    return html`<fieldset>
      <legend>${label}</legend>
      ${fields(s, (value ?? {}) as Record<string, unknown>, problems, `${path}.`)}
    </fieldset>`;
  }
  if (s.type === "array" && s.items?.type === "object") {
    const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
    // Two empty rows to add to; an emptied row is dropped on save. Rows with a field filled in by an upload are added
    // by uploading and cannot be emptied: each has a box to remove it instead.
    const uploaded = uploadedRows(s);
    const rows = uploaded ? items : [...items, {}, {}];
    return html`<fieldset>
      <legend>${label}</legend>
      ${help(s) ? html`<p class="help">${help(s)}</p>` : ""} ${uploaded && items.length === 0 ? html`<p>暂无。上传的文件保存后列在这里。</p>` : ""}
      ${rows.map(
        (item, i) =>
          html`<fieldset class="row">
            <legend>第 ${i + 1} 项${i >= items.length ? "（新增）" : ""}</legend>
            ${fields(s.items ?? {}, item, problems, `${path}.${i}.`)}
            ${uploaded ? html`<label class="remove-row"><input type="checkbox" name="${path}.${i}.${REMOVE_ROW}" value="1" /> 删除此项（保存后生效）</label>` : ""}
          </fieldset>`,
      )}
      ${fieldErrors(id, problems.get(path) ?? [])}
    </fieldset>`;
  }
  const messages = problemsAt(problems, path);
  return html`<div class="field${messages.length ? " has-error" : ""}">
    <label for="${id}">${label}${required ? html`<span class="req" aria-label="必填">*</span>` : ""}</label>
    ${help(s) ? html`<p class="help" id="${id}-help">${help(s)}${isScalarArray(s) ? "（每行一项）" : ""}</p>` : ""} ${control(path, s, value, required, messages)} ${fieldErrors(id, messages)}
  </div>`;
}

/** The fields of an object schema, filled with `values`, each with its problems beside it. */
export function fields(schema: JsonSchema, values: Record<string, unknown>, problems: FieldProblems, prefix = ""): Markup {
  const required = new Set(schema.required ?? []);
  return html`${Object.entries(schema.properties ?? {}).map(([key, s]) => field(`${prefix}${key}`, s, values[key], required.has(key), problems))}`;
}

/** Form values (name → value) back into data, shaped by the schema: empty optional fields are left out. */
export function formToData(schema: JsonSchema, form: Record<string, string>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${key}`;
    if (s.type === "object" && s.properties) {
      const inner = formToData(s, form, `${path}.`);
      if (Object.keys(inner).length > 0 || required.has(key)) out[key] = inner;
      continue;
    }
    if (s.type === "array" && s.items?.type === "object") {
      const items: Record<string, unknown>[] = [];
      for (let i = 0; Object.keys(form).some((name) => name.startsWith(`${path}.${i}.`)); i++) {
        const filled = Object.entries(form).some(([name, v]) => name.startsWith(`${path}.${i}.`) && v.trim() !== "");
        if (filled && form[`${path}.${i}.${REMOVE_ROW}`] !== "1") items.push(formToData(s.items, form, `${path}.${i}.`));
      }
      if (items.length > 0 || required.has(key)) out[key] = items;
      continue;
    }
    const rawValue = form[path];
    if (rawValue === undefined) continue;
    if (s.type === "array") {
      const lines = rawValue
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length > 0 || required.has(key)) out[key] = lines;
      continue;
    }
    const text = rawValue.trim();
    if (text === "") {
      if (required.has(key)) out[key] = "";
      continue;
    }
    // A number that is not one stays text, so the loader names what was received.
    out[key] = (s.type === "integer" || s.type === "number") && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  return out;
}

/** Problems of one file, by field; those without a field go under "". */
export function byField(problems: readonly { field?: string | undefined; message: string; line?: number | undefined }[]): FieldProblems {
  const map: FieldProblems = new Map();
  for (const p of problems) {
    const key = p.field ?? "";
    map.set(key, [...(map.get(key) ?? []), p.message]);
  }
  return map;
}
