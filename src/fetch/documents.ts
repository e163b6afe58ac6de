/**
 * The raw documents the fetchers received (`fetched_documents`): each kept byte
 * for byte with its URL and time before anything is imported from it. The
 * newest document of a URL supplies the validators of its next conditional GET,
 * and its bytes when the server answers 304 (a fetcher still needs a list it
 * has already imported to know what else to ask for).
 */
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { fetchedDocuments } from '../db/schema.js';
import type { PoliteHttp } from './http.js';

export interface FetchedDocument {
  url: string;
  /** When these bytes were received (for a 304, when they were first received). */
  fetchedAt: string;
  body: Buffer;
  /** True when the bytes are new: never seen at this URL, or different from the last copy. */
  changed: boolean;
}

interface StoredCopy {
  fetchedAt: Date;
  etag: string | null;
  lastModified: string | null;
  sha256: string;
  body: Buffer | Uint8Array;
}

export class DocumentStore {
  constructor(
    private readonly db: Db,
    private readonly http: PoliteHttp,
    private readonly source: string,
    private readonly runId: number,
  ) {}

  private async newest(url: string): Promise<StoredCopy | null> {
    const [row] = await this.db.select({
      fetchedAt: fetchedDocuments.fetchedAt,
      etag: fetchedDocuments.etag,
      lastModified: fetchedDocuments.lastModified,
      sha256: fetchedDocuments.sha256,
      body: fetchedDocuments.body,
    }).from(fetchedDocuments).where(eq(fetchedDocuments.url, url)).orderBy(desc(fetchedDocuments.fetchedAt), desc(fetchedDocuments.id)).limit(1);
    return row ?? null;
  }

  /**
   * The document at `url`, fetched conditionally against the last copy kept;
   * null when the publisher has no such document (404). A new or changed body is
   * stored before this returns, under the file `name` its importer reads it by
   * (so the run can be replayed); a 304 or the same bytes again store nothing.
   */
  async get(url: string, name: string | null = null): Promise<FetchedDocument | null> {
    const previous = await this.newest(url);
    const answer = await this.http.get(url, previous);
    const kept = (p: StoredCopy): FetchedDocument => ({ url, fetchedAt: p.fetchedAt.toISOString(), body: Buffer.from(p.body), changed: false });
    if (answer.status === 'missing') return null;
    if (answer.status === 'not-modified') {
      // A 304 to a request without validators would be the server's bug; it leaves nothing to read.
      if (!previous) return null;
      return kept(previous);
    }
    const sha256 = createHash('sha256').update(answer.body).digest('hex');
    // Servers without validators (or that change them on every answer) send the same bytes again.
    if (previous?.sha256 === sha256) return kept(previous);
    const [row] = await this.db.insert(fetchedDocuments).values({
      source: this.source,
      url,
      runId: this.runId,
      name,
      contentType: answer.contentType,
      etag: answer.validators.etag,
      lastModified: answer.validators.lastModified,
      sha256,
      body: answer.body,
    }).returning({ fetchedAt: fetchedDocuments.fetchedAt });
    return { url, fetchedAt: row!.fetchedAt.toISOString(), body: answer.body, changed: true };
  }
}
