import { parameterError } from '../shared/node-error.js';

type Unpdf = typeof import('unpdf');

let unpdf: Promise<Unpdf> | undefined;

/**
 * Loads unpdf on first use: it bundles a build of Mozilla's pdf.js made for
 * serverless and worker runtimes (no canvas, no DOM), so reading PDFs works
 * wherever the engine runs, and costs nothing until a workflow does it.
 */
function loadUnpdf(): Promise<Unpdf> {
  return (unpdf ??= import('unpdf'));
}

/** How to read a PDF: its password when encrypted, how many pages (0: all), and the pages' texts joined or as a list. */
export interface PdfReadOptions {
  password?: string | undefined;
  maxPages: number;
  joinPages: boolean;
}

/** What reading a PDF gives: its text and what the file says about itself. */
export interface PdfContent {
  [field: string]: unknown;
  /** The text of the pages read: one text, pages separated by an empty line, or one text per page. */
  text: string | string[];
  /** How many pages the document has (all of them, whatever was read). */
  numpages: number;
  /** The same count: how many pages a renderer would draw. */
  numrender: number;
  /** The document information dictionary (Title, Author, Producer, CreationDate...) and pdf.js's facts (PDFFormatVersion...). */
  info: Record<string, unknown> | null;
  /** The XMP metadata (dc:title...), when the file has some. */
  metadata?: Record<string, unknown>;
  /** The version of pdf.js that read the file. */
  version: string;
}

interface TextRun {
  str?: string;
  transform?: number[];
}

/**
 * A page's text runs as lines: runs on the same baseline (the same vertical
 * position) are joined as they come, and a run on another one starts a new
 * line, except after a run at height 0 (the way pdf-parse has always joined
 * them, which workflows written for it expect).
 */
function pageText(runs: readonly TextRun[]): string {
  let text = '';
  let lastY: number | undefined;
  for (const run of runs) {
    if (typeof run.str !== 'string') continue;
    const y = run.transform?.[5];
    text += lastY === undefined || lastY === 0 || y === lastY ? run.str : `\n${run.str}`;
    lastY = y;
  }
  return text;
}

/** A value made plain JSON: pdf.js gives dates and names as objects of its own. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

/**
 * Reads a PDF's text, page by page, and its information and metadata. Fails
 * naming the node and parameter when the bytes are not a PDF or the password
 * is missing or wrong.
 */
export async function readPdf(
  file: { nodeName: string; parameter: string; key: string; itemIndex: number },
  bytes: Uint8Array,
  options: PdfReadOptions,
): Promise<PdfContent> {
  const { getDocumentProxy, getResolvedPDFJS } = await loadUnpdf();
  const pdfjs = await getResolvedPDFJS();
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes over (detaches) the buffer it is given: it gets a copy. Verbosity 0 keeps its warnings about
    // damaged files (which it repairs) off the console: what fails is reported as the node's error instead.
    document = await getDocumentProxy(bytes.slice(), { verbosity: 0, ...(options.password ? { password: options.password } : {}) });
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === 'PasswordException'
        ? options.password
          ? 'whose PDF does not open with the password given'
          : "whose PDF is encrypted: set its password in parameter 'password'"
        : `whose file is not a PDF pdf.js can read (${(error as Error).message})`;
    throw parameterError(file.nodeName, file.parameter, `names '${file.key}', ${reason}`, file.itemIndex);
  }
  try {
    const { info, metadata } = await document.getMetadata().catch(() => ({ info: null, metadata: null }));
    const count = options.maxPages > 0 ? Math.min(options.maxPages, document.numPages) : document.numPages;
    const pages: string[] = [];
    for (let i = 1; i <= count; i++) {
      const page = await document.getPage(i);
      pages.push(pageText((await page.getTextContent()).items as TextRun[]));
    }
    const entries = metadata ? [...(metadata as unknown as Iterable<[string, unknown]>)] : [];
    return {
      numpages: document.numPages,
      numrender: document.numPages,
      info: (plain(info) as Record<string, unknown> | undefined) ?? null,
      ...(entries.length > 0 ? { metadata: plain(Object.fromEntries(entries)) as Record<string, unknown> } : {}),
      text: options.joinPages ? pages.join('\n\n') : pages,
      version: pdfjs.version,
    };
  } finally {
    await document.loadingTask.destroy();
  }
}
