/**
 * Atom (RFC 4287) feeds of events. An entry's id is a tag URI of the event's
 * id, which derives from what happened, so a reader never sees one change twice.
 */
export interface FeedEntry {
  id: string;
  title: string;
  summary: string;
  link: string;
  /** When the event was recorded. */
  updated: Date;
}

export interface Feed {
  /** A stable id for the feed itself (the path it is served at, without secrets). */
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: FeedEntry[];
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    // XML 1.0 cannot carry these control characters at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export const entryId = (eventId: string) => `tag:openpolicy.ca,2026:event/${eventId}`;

export function atomFeed(feed: Feed): string {
  // An empty feed is as old as the epoch: it changes when its first entry arrives.
  const updated = (feed.entries[0]?.updated ?? new Date(0)).toISOString();
  const entries = feed.entries.map((e) => `  <entry>
    <id>${escapeXml(entryId(e.id))}</id>
    <title>${escapeXml(e.title)}</title>
    <updated>${e.updated.toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>
    <summary>${escapeXml(e.summary)}</summary>
  </entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <updated>${updated}</updated>
  <author><name>OpenPolicy</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>
${entries}
</feed>
`;
}
