/**
 * A fetch is an import run of its source whose input comes from the publisher:
 * inside the run (so it is locked, counted, listed in the console and judged
 * for freshness like any import of that source) the fetcher collects the
 * documents that are new or changed, each stored raw first; the source's own
 * importer then reads them from a scratch folder, and every record's
 * provenance names the document's URL and when it was fetched. Nothing new
 * means nothing to import: the run succeeds having written nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { fetchedDocuments } from '../db/schema.js';
import type { FetchConfig } from '../config.js';
import { runImport, type ImportContext, type Importer, type Rejection, type RunOptions, type RunReport } from '../ingest/runner.js';
import { DocumentStore, type FetchedDocument } from './documents.js';
import { PoliteHttp } from './http.js';

/** A document to import, under the file name its importer recognises. */
export interface InputFile {
  name: string;
  document: FetchedDocument;
}

export interface FetchContext {
  readonly settings: FetchConfig;
  /** Reads of what is already stored (what to ask for next). */
  readonly db: Db;
  /**
   * The document at a URL (conditional GET, stored raw when new, with the file
   * name it is imported under when it is); null for a 404.
   */
  get(url: string, name?: string): Promise<FetchedDocument | null>;
  /** A document that could not be fetched: the run carries on without it and ends `partial`. */
  reject(rejection: Rejection): void;
}

export interface Fetcher {
  /** The importer that reads what this fetcher brings; its source names the runs. */
  importer: Importer;
  /** The publisher's entry points, recorded as the run's paths. */
  feeds(settings: FetchConfig): string[];
  /** Reference files shipped with the product that the importer reads beside what is fetched. */
  referencePaths?(): string[];
  /** The new or changed documents to import (in the order the importer should read them). */
  collect(ctx: FetchContext): Promise<InputFile[]>;
}

/** The importer-shaped run of a fetcher: fetch, then hand what changed to the source's importer. */
function fetchingImporter(fetcher: Fetcher, settings: FetchConfig, http: PoliteHttp, signal: AbortSignal | undefined): Importer {
  const { importer } = fetcher;
  return {
    source: importer.source,
    description: `fetch from the publisher, then: ${importer.description}`,
    samplePaths: () => [],
    async run(ctx, _feeds) {
      const store = new DocumentStore(ctx.db, http, importer.source, ctx.runId);
      const get = (url: string, name?: string) => {
        if (signal?.aborted) throw new Error(`stopped before GET ${url}: the server is shutting down`);
        return store.get(url, name);
      };
      const files = await fetcher.collect({ settings, db: ctx.db, get, reject: (r) => ctx.reject(r) });
      if (files.length === 0) return ctx.upToDate();
      await importDocuments(ctx, fetcher, files);
    },
  };
}

/** Hands fetched documents to the source's importer, in a scratch folder, with provenance naming their URLs. */
async function importDocuments(ctx: ImportContext, fetcher: Fetcher, files: InputFile[]): Promise<void> {
  const { importer } = fetcher;
  if (files.length === 0) return;
  const folder = mkdtempSync(join(tmpdir(), `openpolicy-fetch-${importer.source}-`));
  try {
    const origins = new Map<string, FetchedDocument>();
    const paths = files.map(({ name, document }) => {
      const path = join(folder, name);
      writeFileSync(path, document.body);
      origins.set(path, document);
      return path;
    });
    const fetched: ImportContext = {
      ...ctx,
      // The scratch folder is gone after the run: records name the URL they came from.
      provenance: (file, location) => {
        const origin = origins.get(file);
        return ctx.provenance(file, location).map(({ file: scratch, ...p }) =>
          (origin ? { ...p, url: origin.url, retrieved_at: origin.fetchedAt } : { ...p, file: scratch }));
      },
    };
    await importer.run(fetched, [...paths, ...(fetcher.referencePaths?.() ?? [])]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Imports again what run `runId` of `fetcher`'s source fetched, from the raw
 * documents kept, without touching the network: a new run of the source whose
 * records name the same URLs and fetch times.
 */
export async function replayFetch(database: Database, fetcher: Fetcher, runId: number, options: RunOptions = {}): Promise<RunReport> {
  const { importer } = fetcher;
  const stored = await database.db.select().from(fetchedDocuments)
    .where(and(eq(fetchedDocuments.runId, runId), eq(fetchedDocuments.source, importer.source), isNotNull(fetchedDocuments.name)))
    .orderBy(asc(fetchedDocuments.id));
  if (stored.length === 0) throw new Error(`run ${runId} of ${importer.source} fetched nothing to import: no document of it to replay`);
  const files: InputFile[] = stored.map((d) => ({
    name: d.name!,
    document: { url: d.url, fetchedAt: d.fetchedAt.toISOString(), body: Buffer.from(d.body), changed: true },
  }));
  return runImport(database, {
    source: importer.source,
    description: `replay of a fetch, then: ${importer.description}`,
    samplePaths: () => [],
    run: (ctx) => importDocuments(ctx, fetcher, files),
  }, files.map((f) => f.document.url), options);
}

export function httpClient(settings: FetchConfig): PoliteHttp {
  if (!settings.contact) throw new Error('FETCH_CONTACT: set an email address or URL the publishers can reach you at before fetching');
  return new PoliteHttp({ contact: settings.contact, hostIntervalMs: settings.hostIntervalMs, retries: settings.retries, backoffMs: settings.backoffMs });
}

/** One fetch run of `fetcher`'s source: recorded in import_runs like any import. */
export function runFetch(
  database: Database,
  fetcher: Fetcher,
  settings: FetchConfig,
  options: RunOptions & { http?: PoliteHttp; signal?: AbortSignal } = {},
): Promise<RunReport> {
  const { http = httpClient(settings), signal, ...runOptions } = options;
  return runImport(database, fetchingImporter(fetcher, settings, http, signal), fetcher.feeds(settings), runOptions);
}
