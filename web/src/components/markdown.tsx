import MarkdownIt, { type Token } from "markdown-it";
import { Fragment, type ReactNode, useState } from "react";
import { t } from "../i18n";

/**
 * The parser the server reads documents with (CommonMark, linear on crafted
 * input), here for answers: raw HTML is text, GitHub tables and strikethrough
 * are read, addresses are not turned into links.
 */
const markdown = new MarkdownIt("commonmark", { html: false, linkify: false }).enable([
  "table",
  "strikethrough",
]);

/** Answers' Markdown as the page reads it: the same tokens for their plain-text copy. */
export const parseAnswer = (text: string): Token[] => markdown.parse(text, {});

/** Only these links are followed; any other scheme (javascript:, data:…) stays text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

/** A citation marker `[1]` in an answer's text. */
const MARKER = /\[(\d{1,3})\]/g;

interface Context {
  /** Opens the cited passage `number`, when the answer cites it. */
  onCitation?: ((number: number) => void) | undefined;
  citations: ReadonlySet<number>;
  /** Heading levels start here, under the conversation's own headings. */
  headingBase: number;
}

/**
 * A model's answer rendered from its Markdown, as React elements (never as
 * HTML): headings, lists, tables, code with a copy button, links that open
 * apart and say where they go. Images are never loaded: a picture from
 * elsewhere would be a request leaving the browser, a way out for what an
 * injected instruction wants to carry; the answer shows its description and
 * address instead. Citation markers `[1]` open the passage they cite.
 */
export function Markdown(props: {
  text: string;
  onCitation?: (number: number) => void;
  citations?: readonly number[];
}) {
  const context: Context = {
    onCitation: props.onCitation,
    citations: new Set(props.citations ?? []),
    headingBase: 3,
  };
  return <div className="markdown">{blocks(markdown.parse(props.text, {}), context)}</div>;
}

/** The elements of a run of block tokens, each block with what its opening and closing tokens hold. */
function blocks(tokens: Token[], context: Context): ReactNode[] {
  const out: ReactNode[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    const key = index;
    if (token.nesting === 1) {
      // The block runs to its closing token at the same level.
      let end = index + 1;
      let depth = 1;
      while (end < tokens.length && depth > 0) {
        depth += (tokens[end] as Token).nesting;
        if (depth > 0) end += 1;
      }
      out.push(block(token, tokens.slice(index + 1, end), context, key));
      index = end + 1;
      continue;
    }
    if (token.type === "inline") out.push(<Fragment key={key}>{inline(token, context)}</Fragment>);
    else if (token.type === "fence" || token.type === "code_block") {
      out.push(<CodeBlock key={key} code={token.content} />);
    } else if (token.type === "hr") out.push(<hr key={key} />);
    index += 1;
  }
  return out;
}

function block(open: Token, inner: Token[], context: Context, key: number): ReactNode {
  const children = blocks(inner, context);
  switch (open.type) {
    case "heading_open": {
      const level = Math.min(6, context.headingBase + Number(open.tag.slice(1)) - 1);
      const Heading = `h${level}` as "h3";
      return <Heading key={key}>{children}</Heading>;
    }
    case "paragraph_open":
      // A list's tight paragraphs are only their text.
      return open.hidden ? <Fragment key={key}>{children}</Fragment> : <p key={key}>{children}</p>;
    case "bullet_list_open":
      return <ul key={key}>{children}</ul>;
    case "ordered_list_open": {
      const start = Number(open.attrGet("start") ?? 1);
      return (
        <ol key={key} start={start}>
          {children}
        </ol>
      );
    }
    case "list_item_open":
      return <li key={key}>{children}</li>;
    case "blockquote_open":
      return <blockquote key={key}>{children}</blockquote>;
    case "table_open":
      return (
        <div key={key} className="markdown-table">
          <table>{children}</table>
        </div>
      );
    case "thead_open":
      return <thead key={key}>{children}</thead>;
    case "tbody_open":
      return <tbody key={key}>{children}</tbody>;
    case "tr_open":
      return <tr key={key}>{children}</tr>;
    case "th_open":
      return (
        <th key={key} scope="col">
          {children}
        </th>
      );
    case "td_open":
      return <td key={key}>{children}</td>;
    default:
      return <Fragment key={key}>{children}</Fragment>;
  }
}

/** An inline token's children: text, emphasis, code, links, breaks; images as their description. */
function inline(token: Token, context: Context): ReactNode[] {
  const children = token.children ?? [];
  const out: ReactNode[] = [];
  let index = 0;
  const until = (close: string, from: number) => {
    let end = from;
    while (end < children.length && (children[end] as Token).type !== close) end += 1;
    return end;
  };
  const wrap = (from: number, to: number) =>
    inline({ ...token, children: children.slice(from, to) } as Token, context);
  while (index < children.length) {
    const child = children[index] as Token;
    const key = index;
    switch (child.type) {
      case "text":
        out.push(<Fragment key={key}>{withMarkers(child.content, context)}</Fragment>);
        break;
      case "code_inline":
        out.push(<code key={key}>{child.content}</code>);
        break;
      case "softbreak":
        out.push("\n");
        break;
      case "hardbreak":
        out.push(<br key={key} />);
        break;
      case "image":
        out.push(
          <span key={key} className="markdown-image">
            {t("markdown.image", {
              description: child.content || "—",
              address: String(child.attrGet("src") ?? ""),
            })}
          </span>,
        );
        break;
      case "strong_open":
      case "em_open":
      case "s_open": {
        const end = until(child.type.replace("_open", "_close"), index + 1);
        const Tag = child.type === "strong_open" ? "strong" : child.type === "em_open" ? "em" : "s";
        out.push(<Tag key={key}>{wrap(index + 1, end)}</Tag>);
        index = end;
        break;
      }
      case "link_open": {
        const end = until("link_close", index + 1);
        const href = String(child.attrGet("href") ?? "");
        const text = wrap(index + 1, end);
        if (SAFE_LINK.test(href)) {
          out.push(
            <Fragment key={key}>
              <a href={href} target="_blank" rel="noopener noreferrer">
                {text}
              </a>{" "}
              <span className="markdown-href">({destination(href)})</span>
            </Fragment>,
          );
        } else out.push(<Fragment key={key}>{text}</Fragment>);
        index = end;
        break;
      }
      default:
        if (child.content) out.push(<Fragment key={key}>{child.content}</Fragment>);
    }
    index += 1;
  }
  return out;
}

/** Where a link goes, as a reader checks it: the host (or the address for mail). */
function destination(href: string): string {
  try {
    const url = new URL(href);
    return url.protocol === "mailto:" ? url.pathname : url.host;
  } catch {
    return href;
  }
}

/** Text with its citation markers as buttons that open the passage, for the passages cited. */
function withMarkers(text: string, context: Context): ReactNode[] {
  if (!context.onCitation) return [text];
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const number = Number(match[1]);
    if (!context.citations.has(number)) continue;
    out.push(text.slice(last, match.index));
    out.push(
      <button
        key={`${match.index}-${number}`}
        type="button"
        className="markdown-marker"
        aria-label={t("markdown.marker", { number })}
        onClick={() => context.onCitation?.(number)}
      >
        [{number}]
      </button>,
    );
    last = (match.index ?? 0) + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/** A block of code, with a button that copies it. */
function CodeBlock(props: { code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="markdown-code">
      <pre>
        <code>{props.code}</code>
      </pre>
      <button
        type="button"
        className="button-tertiary button-small"
        onClick={() => {
          void navigator.clipboard?.writeText(props.code).then(() => setCopied(true));
        }}
      >
        {copied ? t("markdown.copied") : t("markdown.copy")}
      </button>
    </div>
  );
}
