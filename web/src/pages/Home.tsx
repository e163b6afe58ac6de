/** Home: the search box, the latest bill activity in Parliament, and the most recent divisions. */
import { Bi } from '../components/Bi';
import { Heading } from '../components/Heading';
import { Loading, Pending } from '../components/Status';
import { formatDate } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { sitePath } from '../lib/links';
import { Link, navigate } from '../lib/router';
import { useContentVisible } from '../lib/perf';
import { useApi } from '../lib/use-api';
import { VoteCounts } from '../components/VoteCounts';
import { FindRepresentative } from '../components/FindRepresentative';

export default function Home() {
  const t = useT();
  const lang = useLang();
  const bills = useApi('/api/v1/bills', { query: { jurisdiction: 'ca', sort: 'latest_action_desc', per_page: 8 } });
  useContentVisible(!!bills.data);
  const votes = useApi('/api/v1/votes', { query: { sort: 'date_desc', per_page: 8 } });
  // Both lists appear together: on a phone the divisions sit below the bills, and would be pushed down as they arrive (layout shift).
  const settled = !bills.loading && !votes.loading;

  return (
    <>
      <section className="hero">
        <Heading title="">{t('home.title')}</Heading>
        <p className="lead">{t('home.lead')}</p>
        <form
          role="search"
          className="big-search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
            if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
          }}
        >
          <label htmlFor="home-q" className="visually-hidden">{t('search.label')}</label>
          <input id="home-q" name="q" type="search" placeholder={t('search.placeholder')} />
          <button type="submit">{t('search.submit')}</button>
        </form>
        <FindRepresentative />
      </section>

      {!settled && <Loading />}
      {settled && <div className="columns">
        <section aria-labelledby="latest-bills">
          <h2 id="latest-bills">{t('home.latestBills')}</h2>
          <Pending {...bills} retry={bills.reload} />
          {bills.data && (
            <ul className="cards">
              {bills.data.results.map((b) => (
                <li key={b.id}>
                  <Link to={sitePath(b.url)}><strong>{b.identifier}</strong> <Bi value={b.short_title.en || b.short_title.fr ? b.short_title : b.title} /></Link>
                  <p className="meta"><Bi value={b.status} /> · {formatDate(b.latest_action_date, lang)}</p>
                </li>
              ))}
            </ul>
          )}
          <p><Link to="/bills?jurisdiction=ca&sort=latest_action_desc">{t('home.allBills')}</Link></p>
        </section>

        <section aria-labelledby="recent-votes">
          <h2 id="recent-votes">{t('home.recentVotes')}</h2>
          <Pending {...votes} retry={votes.reload} />
          {votes.data && (
            <ul className="cards">
              {votes.data.results.map((v) => (
                <li key={v.id}>
                  <Link to={sitePath(v.url)}>{t('vote.number', { n: v.identifier, session: v.session })}</Link>
                  <p className="clamp"><Bi value={v.motion_text} /></p>
                  <p className="meta">{formatDate(v.start_date, lang)} · <VoteCounts vote={v} compact />{!v.ballot_coverage.recorded && <> · {t('vote.totalsOnly')}</>}</p>
                </li>
              ))}
            </ul>
          )}
          <p><Link to="/votes">{t('home.allVotes')}</Link></p>
        </section>
      </div>}
    </>
  );
}
