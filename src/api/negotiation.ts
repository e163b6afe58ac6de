/**
 * Which of JSON and CSV a list's `Accept` header asks for (RFC 9110 §12.5.1):
 * the media range with the higher q-value wins, a specific type beats a wildcard
 * at the same q, JSON wins ties, and q=0 refuses a type.
 */
interface Range { type: string; q: number }

function ranges(accept: string): Range[] {
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0 };
  }).filter((r) => r.type);
}

/** The q-value a media type gets (from its own range, else `type/*`, else `*\/*`) and how specific that range was (2, 1, 0). */
function quality(list: Range[], mediaType: string): { q: number; specificity: number } {
  const [major] = mediaType.split('/');
  const candidates = [mediaType, `${major}/*`, '*/*'];
  for (const [i, candidate] of candidates.entries()) {
    const range = list.find((r) => r.type === candidate);
    if (range) return { q: range.q, specificity: 2 - i };
  }
  return { q: 0, specificity: -1 };
}

export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const list = ranges(accept);
  const csv = quality(list, 'text/csv');
  const json = quality(list, 'application/json');
  return csv.q > 0 && (csv.q > json.q || (csv.q === json.q && csv.specificity > json.specificity));
}
