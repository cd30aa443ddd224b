import type { Token } from "markdown-it";
import { parseAnswer } from "../../components/markdown";
import { t } from "../../i18n";

/** Only these links are followed, and so only their address is kept (as the page shows them). */
const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * An answer as plain text, as the page shows it, without the Markdown marks:
 * paragraphs apart, list items on their lines ("•", or their number),
 * table cells separated by tabs (they paste into a spreadsheet), code as it
 * is, a link's text with its address, an image as the page describes it.
 * Read from the same tokens as the rendering (`components/markdown.tsx`).
 */
export function plainText(source: string): string {
  let out = "";
  const lists: { ordered: boolean; next: number }[] = [];
  let marker = "";
  let row: string[] | null = null;
  for (const token of parseAnswer(source)) {
    switch (token.type) {
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        if (lists.length === 0) out += "\n";
        break;
      case "list_item_open": {
        const list = lists.at(-1);
        const indent = "  ".repeat(Math.max(0, lists.length - 1));
        marker = `${indent}${list?.ordered ? `${list.next++}. ` : "• "}`;
        break;
      }
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        out += `${(row ?? []).join("\t")}\n`;
        row = null;
        break;
      case "table_close":
      case "heading_close":
      case "hr":
        out += "\n";
        break;
      case "paragraph_close":
        // A tight list's paragraphs are only their text: no blank line between items.
        if (!token.hidden) out += "\n";
        break;
      case "inline": {
        const text = inlineText(token);
        if (row) row.push(text);
        else {
          out += `${marker}${text}\n`;
          marker = "";
        }
        break;
      }
      case "fence":
      case "code_block":
        out += `${marker}${token.content}\n`;
        marker = "";
        break;
    }
  }
  return out.replace(/\n{3,}/g, "\n\n").trim();
}

function inlineText(token: Token): string {
  let text = "";
  let href: string | null = null;
  for (const child of token.children ?? []) {
    switch (child.type) {
      case "softbreak":
      case "hardbreak":
        text += "\n";
        break;
      case "image":
        text += t("markdown.image", {
          description: child.content || "—",
          address: String(child.attrGet("src") ?? ""),
        });
        break;
      case "link_open": {
        const target = String(child.attrGet("href") ?? "");
        href = SAFE_LINK.test(target) ? target : null;
        break;
      }
      case "link_close":
        if (href) text += ` (${href.replace(/^mailto:/i, "")})`;
        href = null;
        break;
      default:
        text += child.content;
    }
  }
  return text;
}
