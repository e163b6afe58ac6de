/** One committee and its meetings, newest first, with the bills each meeting studied. */
import { Bi } from '../components/Bi';
import { Heading } from '../components/Heading';
import { Pagination } from '../components/Pagination';
import { Pending } from '../components/Status';
import { urlFor } from '../lib/api';
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { committeePath, csvUrl, sitePath } from '../lib/links';
import { Link, useQuery, type Params } from '../lib/router';
import { useApi } from '../lib/use-api';

export default function Committee({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const committee = useApi('/api/v1/committees/ocd-organization/{uuid}', { path: { uuid: params.uuid } });
  const meetings = useApi('/api/v1/committees/ocd-organization/{uuid}/meetings', { path: { uuid: params.uuid }, query: { per_page: 20, page: query.get('page') } });
  const c = committee.data;
  return (
    <>
      <p className="eyebrow">{c?.abbreviation}</p>
      <Heading title={c ? pickText(c.name, lang) : t('committees.title')}>{c ? <Bi value={c.name} /> : t('committees.title')}</Heading>
      <Pending {...committee} retry={committee.reload} />
      {c?.superseded_by && (
        <div className="notice info">
          <p>{t('committee.formerNote', { last: formatDate(c.last_active, lang) })}</p>
          <p><Link to={committeePath(c.superseded_by)}>{t('committee.currentLink')}</Link></p>
        </div>
      )}
      {c && (
        <p className="lead">
          {t('committee.summary', { n: c.meeting_count, first: formatDate(c.first_meeting_date, lang), last: formatDate(c.last_meeting_date, lang) })}
        </p>
      )}
      <h2>{t('committee.meetings')}</h2>
      <Pending {...meetings} retry={meetings.reload} />
      {meetings.data && (
        <>
          {meetings.data.pagination.total_items > 0 && <p><a href={csvUrl(urlFor('/api/v1/committees/ocd-organization/{uuid}/meetings', { uuid: params.uuid }), {})} download>{t('list.csv')}</a></p>}
          <ul className="cards">
            {meetings.data.results.map((m) => (
              <li key={m.id}>
                <strong>{formatDate(m.date, lang)}</strong>
                {m.number !== null && <span className="meta"> · {t('committee.meetingNumber', { n: m.number })} ({m.session})</span>}
                {m.title && <p>{m.title}</p>}
                {m.bills.length > 0 && (
                  <p>
                    {t('committee.studied')}{' '}
                    {m.bills.map((b, i) => (
                      <span key={b.id}>{i > 0 && ', '}<Link to={sitePath(b.url)}>{b.identifier}</Link> <Bi value={b.title} /></span>
                    ))}
                  </p>
                )}
                {m.url && <a href={m.url} rel="noopener noreferrer">{t('common.source')}</a>}
              </li>
            ))}
          </ul>
          <Pagination pagination={meetings.data.pagination} />
        </>
      )}
    </>
  );
}
