/**
 * Representatives' photos, fetched from the address their source gives (the
 * `image` of a person record) the first time one is asked for, kept on disk
 * under the data folder, and served by the platform itself: the site's CSP
 * (`img-src 'self' data:`) stays strict and a reader's browser never contacts
 * a city's server. Only JPEG, PNG, GIF and WebP are kept, recognised by their
 * bytes whatever the publisher's Content-Type says (never SVG, which can carry
 * script). An address that failed is not asked again for an hour.
 *
 * With a mirror (PHOTO_MIRROR), `https://host/path` is fetched as
 * `<mirror>/host/path`, as the municipal fetcher's mirror does.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FetchError, type PoliteHttp } from './http.js';

export interface Photo {
  body: Buffer;
  contentType: string;
}

export interface PhotoStoreOptions {
  /** Where fetched photos are kept (one file per source address). */
  dir: string;
  http: PoliteHttp;
  mirror?: string | undefined;
  /** Told why an address gave no photo (the operator's log). */
  warn?: (source: string, reason: string) => void;
}

/** The largest photo kept: a portrait for a web page, not an archive. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const RETRY_FAILED_AFTER_MS = 60 * 60_000;

/** The image type of `bytes` by their signature, or null when they are none of the kinds served. */
export function imageType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const head = bytes.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export class PhotoStore {
  private readonly failedUntil = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<Photo | null>>();

  constructor(private readonly options: PhotoStoreOptions) {}

  /** The address actually fetched for a source's image address. */
  fetchUrl(source: string): string {
    const url = new URL(source);
    return this.options.mirror ? `${this.options.mirror}/${url.host}${url.pathname}${url.search}` : url.href;
  }

  /** The photo at `source` (an http(s) address), from disk or fetched once; null when it cannot be had. */
  get(source: string): Promise<Photo | null> {
    let pending = this.inflight.get(source);
    if (!pending) {
      pending = this.load(source).finally(() => this.inflight.delete(source));
      this.inflight.set(source, pending);
    }
    return pending;
  }

  private file(source: string): string {
    return join(this.options.dir, createHash('sha256').update(source).digest('hex'));
  }

  private async load(source: string): Promise<Photo | null> {
    const file = this.file(source);
    const kept = await readFile(file).catch(() => null);
    const keptType = kept && imageType(kept);
    if (kept && keptType) return { body: kept, contentType: keptType };
    if ((this.failedUntil.get(source) ?? 0) > Date.now()) return null;
    if (!/^https?:\/\//i.test(source)) return null;

    const fetched = await this.fetch(source);
    if (!fetched) {
      this.failedUntil.set(source, Date.now() + RETRY_FAILED_AFTER_MS);
      return null;
    }
    await mkdir(this.options.dir, { recursive: true });
    // Written whole, then renamed: a reader never sees half a photo.
    const partial = `${file}.${process.pid}.part`;
    await writeFile(partial, fetched.body);
    await rename(partial, file);
    return fetched;
  }

  private failed(source: string, reason: string): null {
    this.options.warn?.(source, reason);
    return null;
  }

  private async fetch(source: string): Promise<Photo | null> {
    try {
      const answer = await this.options.http.get(this.fetchUrl(source));
      if (answer.status !== 'modified') return this.failed(source, `the server has no such file (${answer.status})`);
      if (answer.body.length > MAX_PHOTO_BYTES) return this.failed(source, `${answer.body.length} bytes, over the ${MAX_PHOTO_BYTES} kept`);
      const contentType = imageType(answer.body);
      return contentType ? { body: answer.body, contentType } : this.failed(source, `not a JPEG, PNG, GIF or WebP image (sent as ${answer.contentType ?? 'no type'})`);
    } catch (e) {
      if (e instanceof FetchError) return this.failed(source, e.message);
      throw e;
    }
  }
}
