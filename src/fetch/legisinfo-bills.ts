/**
 * LEGISinfo bills of a session from parl.ca: the session's bill list
 * (`/legisinfo/en/bills/xml?parlsession=45-1`), then each bill's XML
 * (`/legisinfo/en/bill/45-1/C-12/xml`, the same `<Bills><Bill>` document as in
 * the civican/legisinfo tarballs). The list changes whenever a bill does, so
 * while it answers 304 only bills never fetched are asked for; when it changes,
 * every bill is asked again, conditionally.
 */
import { inArray } from 'drizzle-orm';
import { fetchedDocuments } from '../db/schema.js';
import { decodeText, many, parseXml } from '../ingest/files.js';
import { legisinfoBills } from '../ingest/legisinfo-bills.js';
import type { FetchConfig } from '../config.js';
import type { Fetcher, InputFile } from './fetch-run.js';
import { FetchError } from './http.js';

const NUMBER_CODE = /^[CS]-\d+[A-Z]?$/i;

export function billListUrl(settings: FetchConfig): string {
  return `${settings.legisinfoUrl}/legisinfo/en/bills/xml?parlsession=${settings.session}`;
}

export function billUrl(settings: FetchConfig, numberCode: string): string {
  return `${settings.legisinfoUrl}/legisinfo/en/bill/${settings.session}/${numberCode.toUpperCase()}/xml`;
}

/** The bill numbers of the session in the list document. */
function listedBills(xml: Buffer, url: string): string[] {
  const root = parseXml(decodeText(xml).text, url);
  const list = root.Bills;
  const bills = list && typeof list === 'object' ? many((list as Record<string, unknown>).Bill as Record<string, unknown>[] | undefined) : [];
  return [...new Set(bills.map((b) => String(b.NumberCode ?? '').trim()).filter((code) => NUMBER_CODE.test(code)))];
}

export const legisinfoBillsFetcher: Fetcher = {
  importer: legisinfoBills,
  feeds: (settings) => [billListUrl(settings)],
  async collect(ctx) {
    const listUrl = billListUrl(ctx.settings);
    const list = await ctx.get(listUrl);
    if (!list) throw new FetchError(listUrl, 1, `HTTP 404: LEGISinfo lists no bills of session ${ctx.settings.session}`);
    const urls = listedBills(list.body, listUrl).map((code) => ({ code, url: billUrl(ctx.settings, code) }));
    const known = new Set(urls.length === 0 ? [] : (await ctx.db.selectDistinct({ url: fetchedDocuments.url }).from(fetchedDocuments)
      .where(inArray(fetchedDocuments.url, urls.map((u) => u.url)))).map((r) => r.url));
    const files: InputFile[] = [];
    for (const { code, url } of urls) {
      if (!list.changed && known.has(url)) continue;
      try {
        const name = `${ctx.settings.session}-${code}.xml`;
        const document = await ctx.get(url, name);
        if (!document) ctx.reject({ location: url, message: `HTTP 404: bill ${code} is listed but its XML is not published` });
        else if (document.changed) files.push({ name, document });
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        ctx.reject({ location: url, message: e.message });
      }
    }
    return files;
  },
};
