/** One person: current role, contacts, terms, sponsored bills, voting record with attendance and dissent, and speeches. */
import { useState } from 'react';
import { Bi } from '../components/Bi';
import { FollowButton } from '../components/FollowButton';
import { Heading } from '../components/Heading';
import { Portrait } from '../components/Portrait';
import { Pagination } from '../components/Pagination';
import { ScrollTable } from '../components/ScrollTable';
import { Loading, Pending } from '../components/Status';
import { ResultBadge } from '../components/VoteCounts';
import { urlFor } from '../lib/api';
import { formatDate, formatNumber, formatPercent } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { committeePath, csvUrl, sitePath, speechPath } from '../lib/links';
import { Link, useQuery, type Params } from '../lib/router';
import type { PersonDetail } from '../lib/shapes';
import { useContentVisible } from '../lib/perf';
import { partyLine, roleLine } from '../lib/standing';
import { useApi } from '../lib/use-api';

const OPTION: Record<string, MessageKey> = { yes: 'option.yes', no: 'option.no', paired: 'option.paired', absent: 'option.absent', abstain: 'option.abstain' };
const CONTACT: Record<string, MessageKey> = { voice: 'contact.voice', fax: 'contact.fax', address: 'contact.address', email: 'contact.email' };

function Contacts({ person }: { person: PersonDetail }) {
  const t = useT();
  if (!person.email && person.contact_details.length === 0 && person.links.length === 0) return null;
  return (
    <section aria-labelledby="contacts">
      <h2 id="contacts">{t('person.contacts')}</h2>
      <dl className="facts">
        {person.email && <div><dt>{t('contact.email')}</dt><dd><a href={`mailto:${person.email}`}>{person.email}</a></dd></div>}
        {person.contact_details.filter((c) => c.type !== 'email' || c.value !== person.email).map((c, i) => (
          <div key={i}>
            <dt>{t(CONTACT[c.type] ?? 'contact.other')}{c.note ? ` (${c.note})` : ''}</dt>
            <dd className="pre-line">{c.type === 'email' ? <a href={`mailto:${c.value}`}>{c.value}</a> : c.type === 'voice' ? <a href={`tel:${c.value}`}>{c.value}</a> : c.value}</dd>
          </div>
        ))}
        {person.links.map((l) => (
          <div key={l.url}><dt>{l.note ?? t('contact.link')}</dt><dd><a href={l.url} rel="noopener noreferrer">{l.url.replace(/^https?:\/\//, '')}</a></dd></div>
        ))}
      </dl>
    </section>
  );
}

function useVotingRecord(uuid: string | undefined) {
  const query = useQuery();
  return useApi('/api/v1/people/ocd-person/{uuid}/votes', { path: { uuid }, query: { per_page: 10, page: query.get('votes_page') } });
}

function useSponsoredBills(uuid: string | undefined) {
  return useApi('/api/v1/people/ocd-person/{uuid}/bills', { path: { uuid }, query: { per_page: 5, sort: 'introduced_desc' } });
}

function useSpeeches(uuid: string | undefined) {
  const query = useQuery();
  return useApi('/api/v1/people/ocd-person/{uuid}/speeches', { path: { uuid }, query: { per_page: 5, page: query.get('speeches_page') } });
}

function VotingRecord({ uuid, votes }: { uuid: string | undefined; votes: ReturnType<typeof useVotingRecord> }) {
  const t = useT();
  const lang = useLang();
  const s = votes.data?.summary;
  return (
    <section aria-labelledby="record">
      <h2 id="record">{t('person.record')}</h2>
      <Pending {...votes} retry={votes.reload} />
      {s && s.divisions === 0 && <p>{t(s.divisions_held > 0 ? 'person.noBallots' : 'person.noDivisions', { held: s.divisions_held })}</p>}
      {s && s.divisions > 0 && (
        <dl className="stats">
          <div><dt>{t('person.divisions')}</dt><dd>{formatNumber(s.divisions_held, lang)}</dd></div>
          <div><dt>{t('person.attendance')}</dt><dd>{formatPercent(s.attendance_rate, lang)}</dd><dd className="meta">{t('person.attendedOf', { n: s.attended, total: s.divisions })}</dd></div>
          <div><dt>{t('person.dissentRate')}</dt><dd>{formatPercent(s.dissent_rate, lang)}</dd><dd className="meta">{t('person.dissentsOf', { n: s.dissents, total: s.party_line_ballots })}</dd></div>
        </dl>
      )}
      {s && s.divisions > 0 && <p className="meta basis">{t('person.recordBasis', { n: s.divisions, held: s.divisions_held })}</p>}
      {votes.data && votes.data.results.length > 0 && (
        <>
          <ScrollTable label={t('person.record')}>
            <thead>
              <tr><th scope="col">{t('votes.division')}</th><th scope="col">{t('votes.motion')}</th><th scope="col">{t('vote.option')}</th><th scope="col">{t('votes.result')}</th></tr>
            </thead>
            <tbody>
              {votes.data.results.map((b) => (
                <tr key={b.vote_event.id}>
                  <td className="nowrap"><Link to={sitePath(b.vote_event.url)}>{b.vote_event.identifier}</Link> <span className="meta">{formatDate(b.vote_event.start_date, lang)}</span></td>
                  <td><span className="clamp"><Bi value={b.vote_event.motion_text} /></span></td>
                  <td><span className={`option option-${b.option}`}>{t(OPTION[b.option] ?? 'option.other')}</span></td>
                  <td><ResultBadge result={b.vote_event.result} /></td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={votes.data.pagination} param="votes_page" />
          <p><a href={csvUrl(urlFor('/api/v1/people/ocd-person/{uuid}/votes', { uuid: uuid ?? '' }), {})} download>{t('person.votesCsv')}</a></p>
        </>
      )}
    </section>
  );
}

function SponsoredBills({ bills, personId }: { bills: ReturnType<typeof useSponsoredBills>; personId: string }) {
  const t = useT();
  const lang = useLang();
  if (bills.data?.results.length === 0) return null;
  return (
    <section aria-labelledby="sponsored">
      <h2 id="sponsored">{t('person.sponsored')}</h2>
      <Pending {...bills} retry={bills.reload} />
      {bills.data && (
        <>
          <ul className="plain">
            {bills.data.results.map((b) => (
              <li key={b.id}>
                <Link to={sitePath(b.url)}>{b.identifier}</Link> ({b.session}) <Bi value={b.short_title.en || b.short_title.fr ? b.short_title : b.title} />
                <span className="meta"> · <Bi value={b.status} /> · {formatDate(b.introduced_date, lang)}</span>
              </li>
            ))}
          </ul>
          {bills.data.pagination.total_items > 5 && (
            <p><Link to={`/bills?sponsor=${encodeURIComponent(personId)}`}>{t('person.allSponsored', { n: bills.data.pagination.total_items })}</Link></p>
          )}
        </>
      )}
    </section>
  );
}

function Speeches({ speeches }: { speeches: ReturnType<typeof useSpeeches> }) {
  const t = useT();
  const lang = useLang();
  if (speeches.data?.results.length === 0) return null;
  return (
    <section aria-labelledby="speeches">
      <h2 id="speeches">{t('person.speeches')}</h2>
      <Pending {...speeches} retry={speeches.reload} />
      {speeches.data && (
        <>
          <ul className="cards">
            {speeches.data.results.map((s) => (
              <li key={s.id}>
                <Link to={speechPath(s.id)}><Bi value={s.subject} fallback={t('speech.untitled')} /></Link>
                <span className="meta"> · {formatDate(s.date, lang)}</span>
                <p className="clamp"><Bi value={s.text} /></p>
              </li>
            ))}
          </ul>
          <Pagination pagination={speeches.data.pagination} param="speeches_page" />
        </>
      )}
    </section>
  );
}

export default function Person({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const person = useApi('/api/v1/people/ocd-person/{uuid}', { path: { uuid: params.uuid } });
  // Asked with the person, not after: the page appears once, whole, rather than each section pushing the next down as it answers.
  const bills = useSponsoredBills(params.uuid);
  const votes = useVotingRecord(params.uuid);
  const speeches = useSpeeches(params.uuid);
  // Only the first time: paging through the record later reloads its section alone.
  const [whole, setWhole] = useState(false);
  if (!whole && person.data && !bills.loading && !votes.loading && !speeches.loading) setWhole(true);
  useContentVisible(whole);
  const p = person.data;
  if (!p || !whole) {
    return (
      <>
        <Heading title={p?.name ?? t('person.title')} />
        {p ? <Loading /> : <Pending {...person} retry={person.reload} />}
      </>
    );
  }
  const committees = p.memberships.filter((m) => m.current && m.organization.classification === 'committee');
  return (
    <article className="person">
      <Heading title={p.name} />
      <div className="person-intro">
        <Portrait person={p} size="large" />
        <div>
          <FollowButton type="person" id={p.id} />
          <p className="lead">
            {roleLine(p, t, lang) ?? t('person.noCurrentRole')}
            {partyLine(p, lang) && <> · {partyLine(p, lang)}</>}
          </p>
        </div>
      </div>
      <Contacts person={p} />
      {p.terms.length > 0 && (
        <section aria-labelledby="terms">
          <h2 id="terms">{t('person.terms')}</h2>
          <ScrollTable label={t('person.terms')}>
            <thead>
              <tr><th scope="col">{t('person.body')}</th><th scope="col">{t('people.district')}</th><th scope="col">{t('people.party')}</th><th scope="col">{t('person.from')}</th><th scope="col">{t('person.to')}</th><th scope="col">{t('filters.session')}</th></tr>
            </thead>
            <tbody>
              {p.terms.map((term, i) => (
                <tr key={i}>
                  <td><Bi value={term.organization.name} /></td>
                  <td>{term.district ?? '—'}</td>
                  <td>{pickText(term.party, lang) || '—'}</td>
                  <td className="nowrap">{formatDate(term.start_date, lang)}</td>
                  <td className="nowrap">{term.end_date ? formatDate(term.end_date, lang) : t('person.present')}</td>
                  <td>{term.sessions.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
      )}
      {committees.length > 0 && (
        <section aria-labelledby="committees">
          <h2 id="committees">{t('nav.committees')}</h2>
          <ul className="plain">
            {committees.map((m) => <li key={m.id}><Link to={committeePath(m.organization.id)}><Bi value={m.organization.name} /></Link>{m.label && <span className="meta"> · {m.label}</span>}</li>)}
          </ul>
        </section>
      )}
      <SponsoredBills bills={bills} personId={p.id} />
      <VotingRecord uuid={params.uuid} votes={votes} />
      <Speeches speeches={speeches} />
    </article>
  );
}
