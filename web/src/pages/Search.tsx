/**
 * Search across everything: with no type chosen, the best hits of each type
 * (bills, people, votes, speeches) in their own group; with one, that type's
 * hits a page at a time. Snippets show the matched words highlighted.
 */
import { Bi } from '../components/Bi';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { Snippet } from '../components/Snippet';
import { Loading, Pending } from '../components/Status';
import { Representatives } from '../components/Representatives';
import { withQuery } from '../lib/api';
import { formatDate, formatNumber } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { sitePath } from '../lib/links';
import { Link, navigate, useQuery } from '../lib/router';
import type { SearchHit } from '../lib/shapes';
import { useApi } from '../lib/use-api';

const TYPES = ['bill', 'person', 'vote', 'speech'] as const;
type HitType = (typeof TYPES)[number];
const GROUP: Record<HitType, MessageKey> = { bill: 'search.bills', person: 'search.people', vote: 'search.votes', speech: 'search.speeches' };
const PER_GROUP = 5;

function Hits({ hits }: { hits: SearchHit[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ol className="hits">
      {hits.map((h) => (
        <li key={`${h.type}-${h.id}`}>
          <Link to={sitePath(h.url)}><Bi value={h.title} /></Link>
          {h.type === 'bill' && h.session && <span className="meta"> · {t('search.session', { session: h.session })}</span>}
          {h.status && <span className="meta"> · <Bi value={h.status} /></span>}
          {h.date && <span className="meta"> · {formatDate(h.date, lang)}</span>}
          <p className="snippet"><Snippet html={h.snippet} /></p>
        </li>
      ))}
    </ol>
  );
}

function Group({ q, type }: { q: string; type: HitType }) {
  const t = useT();
  const lang = useLang();
  const hits = useApi('/api/v1/search', { query: { q, type, per_page: PER_GROUP } });
  const total = hits.data?.pagination.total_items ?? 0;
  return (
    <section aria-labelledby={`group-${type}`} className="hit-group">
      <h2 id={`group-${type}`}>{t(GROUP[type])} <span className="meta">({formatNumber(total, lang)})</span></h2>
      <Pending {...hits} retry={hits.reload} />
      {hits.data && (total ? <Hits hits={hits.data.results} /> : <p>{t('search.none')}</p>)}
      {total > PER_GROUP && <p><Link to={withQuery('/search', { q, type })}>{t('search.allOfType', { n: formatNumber(total, lang) })}</Link></p>}
    </section>
  );
}

function OneType({ q, type, page }: { q: string; type: HitType; page: string | null }) {
  const hits = useApi('/api/v1/search', { query: { q, type, page, per_page: 20 } });
  return (
    <>
      <Pending {...hits} retry={hits.reload} />
      {hits.data && (
        <>
          <ListSummary pagination={hits.data.pagination} apiPath="/api/v1/search" query={{ q, type }} />
          <Hits hits={hits.data.results} />
          <Pagination pagination={hits.data.pagination} />
        </>
      )}
    </>
  );
}

/**
 * Whether every answer of the overview (the four groups, and the representatives of `q` as a place) is in:
 * shown together, so a group that answers first is not pushed down by the ones after it (layout shift).
 * The same requests as the groups' own, which `useApi` shares.
 */
function useOverviewSettled(q: string | null): boolean {
  const answers = [
    useApi(q ? '/api/v1/representatives' : null, { query: { place: q ?? '' } }),
    useApi(q ? '/api/v1/search' : null, { query: { q: q ?? '', type: 'bill', per_page: PER_GROUP } }),
    useApi(q ? '/api/v1/search' : null, { query: { q: q ?? '', type: 'person', per_page: PER_GROUP } }),
    useApi(q ? '/api/v1/search' : null, { query: { q: q ?? '', type: 'vote', per_page: PER_GROUP } }),
    useApi(q ? '/api/v1/search' : null, { query: { q: q ?? '', type: 'speech', per_page: PER_GROUP } }),
  ];
  return answers.every((a) => !a.loading);
}

export default function Search() {
  const t = useT();
  const query = useQuery();
  const q = query.get('q')?.trim() ?? '';
  const typeParam = query.get('type');
  const type = TYPES.find((x) => x === typeParam);
  const overview = Boolean(q && !type);
  const settled = useOverviewSettled(overview ? q : null);
  return (
    <>
      <Heading title={q ? t('search.resultsFor', { q }) : t('search.title')} />
      <form
        key={q}
        role="search"
        className="big-search"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          navigate(withQuery('/search', { q: String(data.get('q') ?? '').trim(), type: String(data.get('type') ?? '') }));
        }}
      >
        <label htmlFor="search-q" className="visually-hidden">{t('search.label')}</label>
        <input id="search-q" name="q" type="search" defaultValue={q} placeholder={t('search.placeholder')} />
        <label htmlFor="search-type" className="visually-hidden">{t('search.type')}</label>
        <select id="search-type" name="type" defaultValue={type ?? ''}>
          <option value="">{t('search.everything')}</option>
          {TYPES.map((x) => <option key={x} value={x}>{t(GROUP[x])}</option>)}
        </select>
        <button type="submit">{t('search.submit')}</button>
      </form>
      {overview && !settled && <Loading />}
      {overview && settled && <Representatives place={q} quiet />}
      {overview && settled && TYPES.map((x) => <Group key={x} q={q} type={x} />)}
      {q && type && <OneType q={q} type={type} page={query.get('page')} />}
    </>
  );
}
