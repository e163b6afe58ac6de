/** Who represents a place, level by level (/api/v1/representatives): the member for the riding or ward, the council of the municipality. */
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { personPath } from '../lib/links';
import { Link } from '../lib/router';
import type { RepresentativesLevel } from '../lib/shapes';
import { partyLine, roleLine } from '../lib/standing';
import { useApi } from '../lib/use-api';
import { Portrait } from './Portrait';
import { Pending } from './Status';

/** A level of government, as the interface names it. */
export const LEVEL: Record<string, MessageKey> = { federal: 'level.federal', provincial: 'level.provincial', municipal: 'level.municipal' };

/** `quiet`: say nothing when no one is found (in search results, where the query may not be a place at all). */
export function Representatives({ place, quiet = false }: { place: string; quiet?: boolean }) {
  const t = useT();
  const lang = useLang();
  const answer = useApi('/api/v1/representatives', { query: { place } });
  const levels = answer.data?.levels ?? [];
  // A seat nobody in the data holds today: when its last holders left, and the legislature the data does not reach.
  const ended = (l: RepresentativesLevel) => {
    const end = l.representatives[0]?.latest_seat?.end_date ?? l.legislature?.end_date;
    const since = l.legislature
      ? t('rep.ended', { legislature: pickText(l.legislature.name, lang), end: formatDate(end, lang) })
      : t('rep.endedUndated', { end: formatDate(end, lang) });
    return l.next_legislature ? `${since} ${t('rep.nextMissing', { next: pickText(l.next_legislature.name, lang) })}` : since;
  };
  if (quiet && levels.length === 0) return null;
  return (
    <section aria-labelledby="representatives" className="representatives">
      <h2 id="representatives">{t('rep.for', { place })}</h2>
      <Pending {...answer} retry={answer.reload} />
      {answer.data && levels.length === 0 && <p>{t('rep.none', { place })}</p>}
      {levels.map((l) => (
        <section key={`${l.jurisdiction.id} ${l.district ?? ''}`} aria-labelledby={`rep-${l.jurisdiction.id}-${l.district ?? ''}`}>
          <h3 id={`rep-${l.jurisdiction.id}-${l.district ?? ''}`}>
            {t(LEVEL[l.level] ?? 'level.other')} · {pickText(l.jurisdiction.name, lang)}{l.district ? ` · ${l.district}` : ''}
          </h3>
          {!l.current && <p className="meta">{ended(l)}</p>}
          <ul className="cards people-cards">
            {l.representatives.map((p) => (
              <li key={p.id} className="with-portrait">
                <Portrait person={p} size="small" />
                <div>
                  <Link to={personPath(p.id)}><strong>{p.name}</strong></Link>
                  <p className="meta">{[roleLine(p, t, lang), partyLine(p, lang)].filter(Boolean).join(' · ')}</p>
                  {p.email && <p className="meta"><a href={`mailto:${p.email}`}>{p.email}</a></p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
