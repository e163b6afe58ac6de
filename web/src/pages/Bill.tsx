/** One bill: status and royal assent, sponsor, its passage as a timeline, divisions, committee meetings and full text. */
import { Bi } from '../components/Bi';
import { FollowButton } from '../components/FollowButton';
import { Heading } from '../components/Heading';
import { StageTimeline } from '../components/StageTimeline';
import { Pending } from '../components/Status';
import { VoteCounts } from '../components/VoteCounts';
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { billApiPath, billKey, committeePath, personPath } from '../lib/links';
import { Link, type Params } from '../lib/router';
import { useContentVisible } from '../lib/perf';
import { useApi } from '../lib/use-api';
import { BillTextSection } from './BillText';
import { BillDebates } from '../components/BillDebates';
import { billTitle } from '../../../src/api/page-titles';

const INCLUDE = ['actions', 'votes', 'committee_meetings'];

export default function Bill({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const bill = useApi(billApiPath(params), { path: billKey(params), query: { include: INCLUDE } });
  useContentVisible(!!bill.data);
  const b = bill.data;
  if (!b) {
    return (
      <>
        <Heading title={params.number ?? t('bill.title')} />
        <Pending {...bill} retry={bill.reload} />
      </>
    );
  }
  const shortTitle = b.short_title.en || b.short_title.fr ? b.short_title : b.title;
  // The jurisdiction's code as the API's own URL for the bill spells it (/api/v1/bills/<code>/...).
  const code = b.url.split('/')[4] ?? 'ca';
  const federal = b.jurisdiction_id === 'ocd-jurisdiction/country:ca/legislature';
  return (
    <article className="bill">
      <p className="eyebrow">{t('bill.eyebrow', { number: b.identifier, session: b.session })}</p>
      <Heading title={billTitle(lang, b.identifier, b.session, pickText(shortTitle, lang))}><Bi value={shortTitle} /></Heading>
      {shortTitle !== b.title && <p className="lead"><Bi value={b.title} /></p>}
      <FollowButton type="bill" id={b.id} />

      {b.royal_assent_date && (
        <p className="notice success royal-assent">
          <strong>{t('bill.royalAssent')}</strong> {formatDate(b.royal_assent_date, lang)}
          {b.statute?.chapter && <> · {t('bill.statute', { year: b.statute.year ?? '', chapter: b.statute.chapter })}</>}
        </p>
      )}

      <dl className="facts">
        <div><dt>{t('bills.status')}</dt><dd><Bi value={b.status} /></dd></div>
        {b.type && <div><dt>{t('bills.type')}</dt><dd>{b.type}</dd></div>}
        {b.sponsor && (
          <div>
            <dt>{t('bill.sponsor')}</dt>
            <dd><Link to={personPath(b.sponsor.id)}>{b.sponsor.name ?? b.sponsor.id}</Link>{b.sponsor.title && <span className="meta"> · {b.sponsor.title}</span>}</dd>
          </div>
        )}
        <div><dt>{t('bill.introduced')}</dt><dd>{formatDate(b.introduced_date, lang)}</dd></div>
        <div><dt>{t('bills.latestAction')}</dt><dd>{formatDate(b.latest_action_date, lang)}</dd></div>
      </dl>

      {(b.summary.en || b.summary.fr) && (
        <section aria-labelledby="summary">
          <h2 id="summary">{t('bill.summary')}</h2>
          <p className="prose"><Bi value={b.summary} /></p>
        </section>
      )}

      {b.actions && b.actions.length > 0 && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t('bill.timeline')}</h2>
          {federal && <StageTimeline actions={b.actions} identifier={b.identifier} />}
          <details>
            <summary>{t('bill.allEvents', { n: b.actions.length })}</summary>
            <ol className="events">
              {b.actions.map((a) => (
                <li key={a.order}>
                  <span className="nowrap">{formatDate(a.date, lang)}</span>
                  <span>{a.chamber ? t(a.chamber === 'upper' ? 'chamber.upper' : a.chamber === 'executive' ? 'chamber.executive' : 'chamber.lower') : ''}</span>
                  <span><Bi value={a.description} /></span>
                </li>
              ))}
            </ol>
          </details>
        </section>
      )}

      <section aria-labelledby="divisions">
        <h2 id="divisions">{t('bill.divisions')}</h2>
        {b.votes?.length ? (
          <ul className="cards">
            {b.votes.map((v) => (
              <li key={v.id}>
                <Link to={`/votes/${code}/${b.session}/${v.identifier}`}>{t('vote.number', { n: v.identifier, session: b.session })}</Link>
                <span className="meta"> · {formatDate(v.start_date, lang)}</span>
                <p className="clamp"><Bi value={v.motion_text} /></p>
                <VoteCounts vote={v} compact />
              </li>
            ))}
          </ul>
        ) : <p>{t('bill.noDivisions')}</p>}
      </section>

      <section aria-labelledby="meetings">
        <h2 id="meetings">{t('bill.meetings')}</h2>
        {b.committee_meetings?.length ? (
          <ul className="plain">
            {b.committee_meetings.map((m) => (
              <li key={m.id}>
                <span className="nowrap">{formatDate(m.date, lang)}</span>{' '}
                <Link to={committeePath(m.committee.id)}>{m.committee.abbreviation ?? pickText(m.committee.name, lang)}</Link>
                {m.number !== null && <> · {t('committee.meetingNumber', { n: m.number })}</>}
                {m.url && <> · <a href={m.url} rel="noopener noreferrer">{t('common.source')}</a></>}
              </li>
            ))}
          </ul>
        ) : <p>{t('bill.noMeetings')}</p>}
      </section>

      <BillDebates billId={b.id} />

      <BillTextSection params={params} />
    </article>
  );
}
