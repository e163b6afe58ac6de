/** "Debates on this bill": the sittings where it was debated (/api/v1/speeches?bill=), each with its speeches' subjects and a way in. */
import { formatDate, formatNumber } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { debatePath, speechPath } from '../lib/links';
import { Link } from '../lib/router';
import type { Speech } from '../lib/shapes';
import { useApi } from '../lib/use-api';
import { Pending } from './Status';

// The API's largest page: a bill's debates rarely run longer; past it, the sitting pages have the rest.
const PER_PAGE = 100;

export function BillDebates({ billId }: { billId: string }) {
  const t = useT();
  const lang = useLang();
  const speeches = useApi('/api/v1/speeches', { query: { bill: billId, per_page: PER_PAGE } });
  const sittings = new Map<string, { date: string; speeches: Speech[] }>();
  for (const s of speeches.data?.results ?? []) {
    const sitting = sittings.get(s.debate_id) ?? { date: s.date, speeches: [] };
    sitting.speeches.push(s);
    sittings.set(s.debate_id, sitting);
  }
  const total = speeches.data?.pagination.total_items ?? 0;
  return (
    <section aria-labelledby="debates">
      <h2 id="debates">{t('bill.debates')} {speeches.data && <span className="meta">({formatNumber(total, lang)})</span>}</h2>
      <Pending {...speeches} retry={speeches.reload} />
      {speeches.data && (total === 0 ? <p>{t('bill.noDebates')}</p> : (
        <ul className="cards">
          {[...sittings].map(([id, sitting]) => {
            const subjects = [...new Map(sitting.speeches.map((s) => [pickText(s.subject, lang), s])).entries()].filter(([subject]) => subject);
            return (
              <li key={id}>
                <Link to={debatePath(id)}>{formatDate(sitting.date, lang)}</Link>
                <span className="meta"> · {t('bill.speechesInSitting', { n: sitting.speeches.length })}</span>
                <ul className="plain">
                  {subjects.map(([subject, first]) => <li key={subject}><Link to={speechPath(first.id)}>{subject}</Link></li>)}
                </ul>
              </li>
            );
          })}
        </ul>
      ))}
    </section>
  );
}
