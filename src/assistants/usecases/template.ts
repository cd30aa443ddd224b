/**
 * A small logic-less template language for use cases, Mustache-like:
 * `{{field}}` inserts a value, `{{#field}}…{{/field}}` renders its body for
 * each item of a list (or once for a non-empty value), `{{^field}}…{{/field}}`
 * when the value is empty, `{{.}}` is the current item and `{{@number}}` its
 * rank (1, 2…). The template is parsed once; values are only ever inserted as
 * data, never read as template text, so `{{` inside a value stays as typed.
 * No code runs, parsing is one pass, rendering stops at `MAX_OUTPUT` characters.
 */

export const MAX_TEMPLATE = 50_000;
export const MAX_OUTPUT = 200_000;
const MAX_DEPTH = 4;
const NAME = /^(?:[a-z][a-z0-9_]*|\.|@number)$/;

export type TemplateNode =
  | { type: "text"; text: string }
  | { type: "value"; name: string }
  | { type: "section"; name: string; inverted: boolean; children: TemplateNode[] };

export type TemplateValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A template that cannot be read; `position` is the offset of the tag at fault. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

interface Tag {
  kind: "#" | "^" | "/" | "";
  name: string;
  start: number;
  end: number;
}

/** The template's tags, in order, in one pass. */
function tagsOf(template: string): Tag[] {
  const tags: Tag[] = [];
  let from = 0;
  for (;;) {
    const start = template.indexOf("{{", from);
    if (start < 0) return tags;
    const close = template.indexOf("}}", start + 2);
    if (close < 0) throw new TemplateError("balise non fermée (}} attendu)", start);
    let inner = template.slice(start + 2, close).trim();
    const kind = inner[0] === "#" || inner[0] === "^" || inner[0] === "/" ? inner[0] : "";
    if (kind) inner = inner.slice(1).trim();
    if (!NAME.test(inner)) throw new TemplateError(`nom de champ invalide : « ${inner} »`, start);
    if (kind && !/^[a-z]/.test(inner))
      throw new TemplateError(`un bloc porte le nom d'un champ, pas « ${inner} »`, start);
    tags.push({ kind, name: inner, start, end: close + 2 });
    from = close + 2;
  }
}

/**
 * A block tag alone on its line takes the line with it, so that a template
 * written one tag per line renders without blank lines.
 */
function standalone(template: string, tag: Tag): { start: number; end: number } {
  if (tag.kind === "") return tag;
  let before = tag.start;
  while (before > 0 && (template[before - 1] === " " || template[before - 1] === "\t")) before--;
  if (before > 0 && template[before - 1] !== "\n") return tag;
  let after = tag.end;
  while (after < template.length && (template[after] === " " || template[after] === "\t")) after++;
  if (after < template.length && template[after] === "\r") after++;
  if (after < template.length && template[after] !== "\n") return tag;
  return { start: before, end: Math.min(after + 1, template.length) };
}

/** Parses a template into its tree; throws a `TemplateError` (in French) when it is malformed. */
export function parseTemplate(template: string): TemplateNode[] {
  if (template.length > MAX_TEMPLATE)
    throw new TemplateError(`modèle trop long (plus de ${MAX_TEMPLATE} caractères)`, 0);
  const root: TemplateNode[] = [];
  const stack: { name: string; start: number; children: TemplateNode[] }[] = [];
  let children = root;
  let cursor = 0;
  for (const tag of tagsOf(template)) {
    const { start, end } = standalone(template, tag);
    if (start > cursor) children.push({ type: "text", text: template.slice(cursor, start) });
    cursor = Math.max(cursor, end);
    if (tag.kind === "#" || tag.kind === "^") {
      if (stack.length >= MAX_DEPTH)
        throw new TemplateError(`blocs imbriqués sur plus de ${MAX_DEPTH} niveaux`, tag.start);
      const section: TemplateNode = {
        type: "section",
        name: tag.name,
        inverted: tag.kind === "^",
        children: [],
      };
      children.push(section);
      stack.push({ name: tag.name, start: tag.start, children });
      children = section.children;
    } else if (tag.kind === "/") {
      const open = stack.pop();
      if (!open || open.name !== tag.name)
        throw new TemplateError(`fermeture inattendue : {{/${tag.name}}}`, tag.start);
      children = open.children;
    } else {
      children.push({ type: "value", name: tag.name });
    }
  }
  const open = stack.pop();
  if (open) throw new TemplateError(`bloc non fermé : {{#${open.name}}}`, open.start);
  if (cursor < template.length) children.push({ type: "text", text: template.slice(cursor) });
  return root;
}

/** The field names a template uses (not `.` nor `@number`). */
export function templateNames(nodes: readonly TemplateNode[]): Set<string> {
  const names = new Set<string>();
  const visit = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.type === "text") continue;
      if (/^[a-z]/.test(node.name)) names.add(node.name);
      if (node.type === "section") visit(node.children);
    }
  };
  visit(nodes);
  return names;
}

/** Thrown when the rendered text would pass `MAX_OUTPUT` characters. */
export class TemplateOutputTooLong extends Error {}

const isEmpty = (value: string | readonly string[] | undefined) =>
  value === undefined || value.length === 0 || (typeof value === "string" && value.trim() === "");

/** Renders a parsed template with the values: each value inserted as it is. */
export function renderTemplate(nodes: readonly TemplateNode[], values: TemplateValues): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string) => {
    length += text.length;
    if (length > MAX_OUTPUT) throw new TemplateOutputTooLong();
    parts.push(text);
  };
  const render = (list: readonly TemplateNode[], item: string | undefined, rank: number) => {
    for (const node of list) {
      if (node.type === "text") push(node.text);
      else if (node.type === "value") {
        const value =
          node.name === "."
            ? item
            : node.name === "@number"
              ? rank > 0
                ? String(rank)
                : undefined
              : values[node.name];
        if (value !== undefined) push(typeof value === "string" ? value : value.join(", "));
      } else {
        const value = values[node.name];
        if (node.inverted) {
          if (isEmpty(value)) render(node.children, item, rank);
        } else if (typeof value === "string") {
          if (!isEmpty(value)) render(node.children, value, 0);
        } else if (value !== undefined) {
          value.forEach((entry, index) => {
            render(node.children, entry, index + 1);
          });
        }
      }
    }
  };
  render(nodes, undefined, 0);
  return parts.join("");
}
