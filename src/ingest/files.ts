/** Reading source files as published: tarballs, odd encodings, CSV and XML with located errors. */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import tar from 'tar-stream';
import { ImportError } from './runner.js';

export function assertReadableFile(path: string): void {
  if (!existsSync(path)) throw new ImportError(path, 'no such file');
  if (!statSync(path).isFile()) throw new ImportError(path, 'not a file');
}

/**
 * The bytes of a source file; `.gz` files (how the bundled sample ships) are
 * decompressed, and a path given without `.gz` finds its compressed twin.
 */
export function readSourceBytes(path: string): Buffer {
  const actual = !existsSync(path) && existsSync(`${path}.gz`) ? `${path}.gz` : path;
  assertReadableFile(actual);
  const bytes = readFileSync(actual);
  if (!actual.endsWith('.gz')) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new ImportError(actual, `cannot decompress: ${(e as Error).message}`);
  }
}

/**
 * Streams the entries of a .tar.gz (or .tar) one at a time, so memory stays bounded by one entry.
 * A truncated or corrupt archive fails saying how far it was read: entries so far and the last one's name.
 */
export async function* readTarEntries(path: string): AsyncGenerator<{ name: string; content: Buffer }> {
  assertReadableFile(path);
  const extract = tar.extract();
  const input = createReadStream(path);
  const source = path.endsWith('gz') ? input.pipe(createGunzip()) : input;
  source.on('error', (e: Error) => extract.destroy(new ImportError(path, `cannot decompress: ${e.message}`)));
  source.pipe(extract);
  let read = 0;
  let last = '';
  try {
    for await (const entry of extract) {
      if (entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      const parts: Buffer[] = [];
      for await (const chunk of entry) parts.push(chunk as Buffer);
      read++;
      last = entry.header.name.replace(/^\.\//, '');
      yield { name: last, content: Buffer.concat(parts) };
    }
  } catch (e) {
    const reason = e instanceof ImportError ? e.reason : `unreadable archive: ${(e as Error).message}`;
    throw new ImportError(path, `${reason}, after ${read} entr${read === 1 ? 'y' : 'ies'} read${last ? ` (the last: ${last})` : ''}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of a file as its publisher wrote it: UTF-8 (BOM dropped) when valid,
 * else Windows-1252, which is what the House's older exports use.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  }
}

export interface CsvRow {
  line: number;
  record: Record<string, string>;
}

/**
 * Parses CSV text into records keyed by header, each with its line number.
 * A missing required column fails the whole file with the column's name.
 */
export async function readCsv(
  text: string,
  file: string,
  options: { delimiter?: string; required?: string[] } = {},
): Promise<CsvRow[]> {
  const parser = parseCsv(text, {
    columns: (header: string[]) => header.map((h) => h.trim()),
    delimiter: options.delimiter ?? ',',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    bom: true,
  });
  const rows: CsvRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      rows.push({ line: info.lines, record });
    }
  } catch (e) {
    throw new ImportError(file, `malformed CSV: ${(e as Error).message}`);
  }
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  for (const column of options.required ?? []) {
    if (rows.length > 0 && !header.includes(column)) {
      throw new ImportError(file, `missing column "${column}" (found: ${header.join(', ')})`);
    }
  }
  return rows;
}

const xmlOptions: Partial<X2jOptions> = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
};

/** Parses XML, failing with the file, line and column when it is malformed or truncated. */
export function parseXml(text: string, file: string, options: Partial<X2jOptions> = {}): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ImportError(`${file}:${valid.err.line}:${valid.err.col}`, `malformed XML: ${valid.err.msg}`);
  }
  return new XMLParser({ ...xmlOptions, ...options }).parse(text) as Record<string, unknown>;
}

/** Always an array: XML repeats an element zero, one or many times. */
export function many<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
