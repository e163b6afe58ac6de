/**
 * Official text of federal bills: Parliament's bill XML, one
 * `<SESSION>/bills/<NUMBER>/bill_text.xml` per bill in a LEGISinfo tarball.
 * Each file is the bill as it stood at its latest reading stage, in English;
 * it becomes one `bill_texts` row of readable plain text (headings, sections and
 * paragraphs one per line) that the generated search columns index.
 */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { billTexts as billTextsTable, bills } from '../db/schema.js';
import type { Db } from '../db/client.js';
import { FEDERAL_JURISDICTION, billId, recordId } from '../domain/ids.js';
import { clean } from '../domain/text.js';
import { decodeText, parseXml, readTarEntries } from './files.js';
import { ensureFederalSession } from './reference.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { ensure, upsert } from './upsert.js';
import { catalogued } from './catalog.js';

/** A node of fast-xml-parser's ordered output: `{Tag: children, ':@': attributes}` or `{'#text': text}`. */
type XmlNode = Record<string, unknown>;

interface ParsedBillText {
  entry: string;
  session: string;
  number: string;
  longTitle: string;
  version: string;
  language: string;
  text: string;
  url: string | null;
}

type BillTextRow = typeof billTextsTable.$inferInsert & { url: string | null };

const ENTRY_PATTERN = /^(\d+-\d+)\/bills\/([^/]+)\/bill_text\.xml$/;
const BATCH_SIZE = 50;

/**
 * The file's reading stage named as LEGISinfo names the publication, with the
 * parl.ca DocumentViewer page of that publication where its address is known.
 */
const STAGES: Record<string, { version: string; page: string | null }> = {
  'first-reading-house': { version: 'First Reading', page: 'first-reading' },
  'first-reading-senate': { version: 'First Reading', page: 'first-reading' },
  'report-house': { version: 'As amended by committee', page: null },
  'third-reading-house': { version: 'As passed by the House of Commons', page: 'third-reading' },
  'third-reading-senate': { version: 'As passed by the Senate', page: 'third-reading' },
  'assented-to': { version: 'Royal Assent', page: 'royal-assent' },
};

// Elements whose content flows within the surrounding line.
const INLINE = new Set([
  'XRefExternal', 'XRefInternal', 'XRefSection', 'Emphasis', 'Ins', 'Keep', 'Preserve', 'DefinedTermEn', 'DefinedTermFr',
  'DefinitionRef', 'Sub', 'Sup', 'InlineFont', 'Language', 'FootnoteRef', 'DocumentInternal',
]);
// Elements that start a line and prefix the block that follows them ("(a) text", "A is the total of").
const PREFIX = new Set(['Label', 'FormulaTerm']);
// Navigation and typesetting aids, not text of the bill.
const SKIP = new Set(['Identification', 'TableOfProvisions', 'RunningHead', 'PageBreak', 'ImageGroup', 'Image', 'colspec']);

export const billTexts: Importer = {
  ...catalogued('bill-texts'),
  samplePaths: (dataRoot) => [join(dataRoot, 'legisinfo', 'bill-texts-44-1_45-1.tar.gz')],
  async run(ctx, paths) {
    for (const path of paths) await importTarball(ctx, path);
  },
};

async function importTarball(ctx: ImportContext, path: string): Promise<void> {
  let batch: ParsedBillText[] = [];
  for await (const { name, content } of readTarEntries(path)) {
    const key = ENTRY_PATTERN.exec(name);
    if (!key) continue;
    const parsed = parseEntry(ctx, name, key[1]!, key[2]!, content);
    ctx.progress.tick();
    if (!parsed) continue;
    batch.push(parsed);
    if (batch.length >= BATCH_SIZE) {
      await writeBatch(ctx, path, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await writeBatch(ctx, path, batch);
}

function parseEntry(ctx: ImportContext, entry: string, session: string, number: string, content: Buffer): ParsedBillText | null {
  const { text: xml } = decodeText(content);
  try {
    const document = parseXml(xml, entry, { preserveOrder: true, trimValues: false }) as unknown as XmlNode[];
    return readBill(document, entry, session, number);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    ctx.reject(e.rejection(xml));
    return null;
  }
}

function readBill(document: XmlNode[], entry: string, session: string, number: string): ParsedBillText {
  const bill = document.find((n) => 'Bill' in n);
  if (!bill) throw new ImportError(entry, 'no <Bill> root element');
  const billNodes = children(bill, 'Bill');
  const identification = inner(billNodes, 'Identification');
  if (identification.length === 0) throw new ImportError(`${entry}#Identification`, 'no <Identification>');

  const declared = declaredBill(identification);
  if (declared.session !== session || declared.number !== number) {
    throw new ImportError(`${entry}#Identification`, `declares bill ${declared.number} of ${declared.session}, filed as ${number} of ${session}`);
  }
  const longTitle = clean(inlineText(inner(identification, 'LongTitle')));
  if (!longTitle) throw new ImportError(`${entry}#LongTitle`, 'no long title');

  const stage = attribute(child(inner(identification, 'BillHistory'), 'Stages'), 'stage');
  if (!stage) throw new ImportError(`${entry}#BillHistory`, 'no reading stage (<Stages stage="...">)');
  const known = STAGES[stage];
  const language = attribute(bill, 'xml:lang') ?? 'en';

  return {
    entry,
    session,
    number,
    longTitle,
    version: known?.version ?? stage,
    language,
    text: renderText(number, longTitle, billNodes),
    url: known?.page ? `https://www.parl.ca/DocumentViewer/${language}/${session}/bill/${number}/${known.page}` : null,
  };
}

function declaredBill(identification: XmlNode[]): { session: string; number: string } {
  const parliament = inner(identification, 'Parliament');
  const parliamentNumber = inlineText(inner(parliament, 'Number')).trim();
  const sessionNumber = inlineText(inner(parliament, 'Session')).trim();
  return {
    session: `${parliamentNumber}-${sessionNumber}`,
    number: inlineText(inner(identification, 'BillNumber')).trim(),
  };
}

async function writeBatch(ctx: ImportContext, path: string, batch: ParsedBillText[]): Promise<void> {
  const file = basename(path);
  await ctx.unit(`${file}#${batch[0]!.entry}..${batch.at(-1)!.entry}`, async (tx) => {
    await ensureBills(tx, ctx, path, batch);
    const rows = batch.map((t): BillTextRow => {
      const bill = billId(FEDERAL_JURISDICTION, t.session, t.number);
      return {
        id: recordId('bill-text', bill, t.version, t.language),
        billId: bill,
        version: t.version,
        language: t.language,
        text: t.text,
        url: t.url,
        sources: ctx.provenance(path, t.entry),
      };
    });
    const changed = await withoutStoredTexts(tx, rows);
    const counts = await upsert(tx, billTextsTable, changed);
    counts.unchanged += rows.length - changed.length;
    return counts;
  });
}

/**
 * The rows whose content differs from what is stored. PostgreSQL computes the
 * generated search vectors of every row an upsert proposes, conflicting or not,
 * so comparing digests first keeps a re-import from re-indexing megabytes of identical text.
 */
async function withoutStoredTexts(tx: Db, rows: BillTextRow[]): Promise<BillTextRow[]> {
  const stored = await tx
    .select({
      id: billTextsTable.id,
      billId: billTextsTable.billId,
      version: billTextsTable.version,
      language: billTextsTable.language,
      url: billTextsTable.url,
      digest: sql<string>`md5(${billTextsTable.text})`,
    })
    .from(billTextsTable)
    .where(inArray(billTextsTable.id, rows.map((r) => r.id)));
  const byId = new Map(stored.map((s) => [s.id, s]));
  return rows.filter((row) => {
    const s = byId.get(row.id);
    return !s || s.billId !== row.billId || s.version !== row.version || s.language !== row.language
      || s.url !== row.url || s.digest !== createHash('md5').update(row.text, 'utf8').digest('hex');
  });
}

/** The bill a text belongs to, so the text can be loaded first; legisinfo-bills owns and fills its columns. */
async function ensureBills(tx: Db, ctx: ImportContext, path: string, batch: ParsedBillText[]): Promise<void> {
  const sessions = new Map<string, string>();
  for (const session of new Set(batch.map((t) => t.session))) sessions.set(session, await ensureFederalSession(tx, session));
  await ensure(tx, bills, batch.map((t) => ({
    id: billId(FEDERAL_JURISDICTION, t.session, t.number),
    jurisdictionId: FEDERAL_JURISDICTION,
    sessionId: sessions.get(t.session)!,
    identifier: t.number,
    titleEn: t.longTitle,
    sources: ctx.provenance(path, t.entry),
  })));
}

/** Plain text of the bill: its number and long title, then every block of its introduction, body and schedules on its own line. */
function renderText(number: string, longTitle: string, billNodes: XmlNode[]): string {
  const out = new LineWriter();
  out.line(`Bill ${number}`);
  out.line(longTitle);
  renderNodes(billNodes, out);
  out.end();
  return out.lines.join('\n');
}

function renderNodes(nodes: XmlNode[], out: LineWriter): void {
  for (const node of nodes) {
    if ('#text' in node) {
      out.append(String(node['#text']));
      continue;
    }
    const tag = tagOf(node);
    if (!tag || SKIP.has(tag) || tag.startsWith('?')) continue;
    const content = children(node, tag);
    if (INLINE.has(tag)) renderNodes(content, out);
    else if (tag === 'Leader' || tag === 'LeaderRightJustified') out.append(' … ');
    else if (tag === 'LineBreak') out.append(' ');
    else if (PREFIX.has(tag)) {
      out.flush();
      renderNodes(content, out);
      out.holdForNext();
    } else {
      out.flush();
      renderNodes(content, out);
      out.flush();
    }
  }
}

/** Accumulates the current line; a line holding only labels waits for the block they label ("2 (1) text"). */
class LineWriter {
  readonly lines: string[] = [];
  private current = '';
  private labelsOnly = false;

  append(text: string): void {
    this.current += text;
    if (text.trim() !== '') this.labelsOnly = false;
  }

  holdForNext(): void {
    this.current += ' ';
    this.labelsOnly = true;
  }

  flush(): void {
    if (this.labelsOnly) return;
    const line = clean(this.current);
    if (line) this.lines.push(line);
    this.current = '';
  }

  line(text: string): void {
    this.flush();
    this.lines.push(text);
  }

  end(): void {
    this.labelsOnly = false;
    this.flush();
  }
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function children(node: XmlNode | undefined, tag: string): XmlNode[] {
  const value = node?.[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function child(nodes: XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((n) => tag in n);
}

/** The children of the first `tag` element among `nodes`. */
function inner(nodes: XmlNode[], tag: string): XmlNode[] {
  return children(child(nodes, tag), tag);
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const attributes = node?.[':@'] as Record<string, unknown> | undefined;
  const value = attributes?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** Concatenated text of nodes, markup dropped (titles, numbers). */
function inlineText(nodes: XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    if ('#text' in node) text += String(node['#text']);
    else {
      const tag = tagOf(node);
      if (tag) text += inlineText(children(node, tag));
    }
  }
  return text;
}
