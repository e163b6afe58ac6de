/**
 * Conditional GETs (RFC 9110 §13.1.2): `If-None-Match` names one ETag, a list of
 * them, or `*`; any of them matching the current ETag, compared weakly (the `W/`
 * prefix ignored), means the client's copy is current and the answer is a 304.
 */
const stripWeak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

export function ifNoneMatch(header: string | undefined, etag: string | undefined): boolean {
  if (header === undefined || etag === undefined) return false;
  if (header.trim() === '*') return true;
  const current = stripWeak(etag);
  // Entity tags are quoted and hold no comma or quote, so splitting on commas is exact.
  return header.split(',').some((tag) => stripWeak(tag.trim()) === current);
}
