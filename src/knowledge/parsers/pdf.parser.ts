import { cleanTitle } from "./blocks.js";
import { layoutBlocks, type PageText, type TextRun } from "./pdf-layout.js";
import { DocumentRejected, type ParsedDocument } from "./types.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>["getPage"]>>;

let pdfjs: Promise<PdfJs> | undefined;
/**
 * pdf.js's legacy build, for Node. Its worker code runs in this thread: pdf.js picks up the
 * handler published on `globalThis.pdfjsWorker` instead of spawning a worker.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjs;
}

const BOLD_FONT = /bold|black|heavy|semibold|demibold|[-,]bd\b|gras/i;
// Titles that tools write in the metadata and that name nothing.
const MEANINGLESS_TITLE =
  /^(?:untitled|sans titre|document\s*\d*|titre|title|présentation powerpoint|diapositive\s*\d*|page\s*\d*|\d+)$/i;
const FILE_NAME_TITLE = /\.(?:docx?|odt|pdf|rtf|txt|xlsx?|pptx?|indd|qxp|html?)$/i;

/**
 * PDF: the text layer, page by page, through pdf.js (no worker, no eval, no font loading).
 * Blocks carry their page. Title: the metadata's title when it names something, else the first
 * heading. A password-protected PDF is `encrypted_pdf`; one with no text at all is `no_text_layer`.
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const { getDocument, Util } = await loadPdfJs();
  const task = getDocument({
    // pdf.js may detach the buffer it is given: hand it a copy (and a plain Uint8Array, not a Buffer).
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    if ((error as { name?: string }).name === "PasswordException")
      throw new DocumentRejected("encrypted_pdf");
    throw error;
  }
  try {
    const pages: PageText[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      pages.push(await pageText(page, number, Util.transform));
      page.cleanup();
    }
    if (pages.every((page) => page.runs.every((run) => run.text.trim() === ""))) {
      throw new DocumentRejected("no_text_layer");
    }
    const out = layoutBlocks(pages);
    if (out.blocks.length === 0) throw new DocumentRejected("no_text_layer");
    const { info } = (await document.getMetadata().catch(() => ({ info: {} }))) as {
      info: { Title?: unknown };
    };
    const title = meaningfulTitle(info.Title) ?? out.firstHeading();
    return { title, blocks: out.blocks, pageCount: document.numPages };
  } finally {
    await document.destroy();
  }
}

async function pageText(
  page: PdfPage,
  number: number,
  transform: (first: number[], second: number[]) => number[],
): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  const fontOf = new Map<TextRun, string>();
  for (const item of content.items) {
    if (!("str" in item) || item.str === "") continue;
    // Into the page's viewport: rotation applied, y growing downwards.
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = transform(
      viewport.transform,
      item.transform,
    );
    // Text that does not run left to right (stamps and notes set vertically in the margin) is skipped.
    if (Math.abs(b) > Math.abs(a) * 0.1 || a <= 0) continue;
    const run = { text: item.str, x, y, width: item.width, size: Math.hypot(c, d), bold: false };
    runs.push(run);
    fontOf.set(run, item.fontName);
  }
  if (runs.some((run) => run.text.trim() !== "")) {
    const boldFonts = await boldFontNames(page, new Set(fontOf.values()));
    for (const run of runs) run.bold = boldFonts.has(fontOf.get(run) ?? "");
  }
  return { page: number, height: viewport.height, runs };
}

/**
 * Font weights are only known from the fonts' names, which pdf.js hands over once the page's
 * operator list is built. Best effort: without them, headings rely on font size alone.
 */
async function boldFontNames(page: PdfPage, fontNames: Set<string>): Promise<Set<string>> {
  const bold = new Set<string>();
  try {
    await page.getOperatorList();
  } catch {
    return bold;
  }
  for (const fontName of fontNames) {
    if (!page.commonObjs.has(fontName)) continue;
    const font = page.commonObjs.get(fontName) as { name?: unknown } | null;
    if (typeof font?.name === "string" && BOLD_FONT.test(font.name)) bold.add(fontName);
  }
  return bold;
}

function meaningfulTitle(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const title = cleanTitle(raw.replace(/^Microsoft (?:Word|PowerPoint|Excel) - /i, ""));
  if (!title || MEANINGLESS_TITLE.test(title) || FILE_NAME_TITLE.test(title)) return null;
  return /\p{L}{2}/u.test(title) ? title : null;
}
