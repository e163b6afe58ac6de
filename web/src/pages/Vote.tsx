/**
 * One division: the motion and result, the split by party as a chart, who broke
 * with their party, and every ballot (a page of them at a time: a House division
 * has over 300, and rendering them all at once held up the page).
 */
import { useState } from 'react';
import { urlFor } from '../lib/api';
import { Bi } from '../components/Bi';
import { Heading } from '../components/Heading';
import { PartySplitChart } from '../components/PartySplitChart';
import { ScrollTable } from '../components/ScrollTable';
import { Pending } from '../components/Status';
import { ResultBadge, VoteCounts } from '../components/VoteCounts';
import { formatDate, formatNumber } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { billPathById, csvUrl, personPath } from '../lib/links';
import { Link, type Params } from '../lib/router';
import type { Ballot } from '../lib/shapes';
import { useContentVisible } from '../lib/perf';
import { useApi } from '../lib/use-api';

const OPTION: Record<string, MessageKey> = { yes: 'option.yes', no: 'option.no', paired: 'option.paired', absent: 'option.absent', abstain: 'option.abstain' };

const CHAMBER: Record<string, MessageKey> = { lower: 'chamber.lower', upper: 'chamber.upper' };

const BALLOTS_PER_PAGE = 50;

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

function Voter({ ballot }: { ballot: Ballot }) {
  return ballot.voter_id ? <Link to={personPath(ballot.voter_id)}>{ballot.voter_name}</Link> : <>{ballot.voter_name}</>;
}

export default function Vote({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const vote = useApi('/api/v1/votes/{jurisdiction}/{session}/{number}', { path: { jurisdiction: params.jurisdiction, session: params.session, number: params.number } });
  useContentVisible(!!vote.data);
  const [party, setParty] = useState('');
  const [option, setOption] = useState('');
  const [name, setName] = useState('');
  const [limit, setLimit] = useState(BALLOTS_PER_PAGE);
  const title = t('vote.number', { n: params.number ?? '', session: params.session ?? '' });
  const v = vote.data;
  if (!v) {
    return (
      <>
        <Heading title={title} />
        <Pending {...vote} retry={vote.reload} />
      </>
    );
  }
  // The chamber's name in the reader's language; other bodies by their recorded name.
  const chamber = CHAMBER[v.organization?.classification ?? ''];
  // The party filter's value is the party's name as printed (its English name); each party once, in that name's order.
  const parties = [...new Map(v.votes.map((b) => [b.party?.en ?? '', b.party])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const filter = (set: (value: string) => void) => (value: string) => {
    set(value);
    setLimit(BALLOTS_PER_PAGE);
  };
  // By name or riding, ignoring case and accents, as the API's name filters do.
  const key = fold(name.trim());
  const shown = v.votes.filter((b) => (!party || (b.party?.en ?? '') === party) && (!option || b.option === option)
    && (!key || fold(b.voter_name).includes(key) || fold(b.district ?? '').includes(key)));
  // Most divisions are published with their totals only: then there is no split, no dissent and no ballot to show.
  const { recorded, ballots, division_total: total } = v.ballot_coverage;
  return (
    <article className="vote">
      <p className="eyebrow">{chamber ? t(chamber) : <Bi value={v.organization?.name} />} · {formatDate(v.start_date, lang)}</p>
      <Heading title={title} />
      <p className="lead"><Bi value={v.motion_text} /></p>
      {v.bill?.identifier && (
        <p>
          {t('vote.onBill')}{' '}
          {v.bill.id ? <Link to={billPathById(v.bill.id)}>{v.bill.identifier}</Link> : v.bill.identifier}
        </p>
      )}
      <div className="result-line">
        <ResultBadge result={v.result} />
        <VoteCounts vote={v} />
      </div>

      {!recorded ? (
        <section aria-labelledby="ballots" className="notice info">
          <h2 id="ballots">{t('vote.ballotsTitle')}</h2>
          <p>{t('vote.noBallots')}</p>
        </section>
      ) : (
      <>
      {ballots !== total && <p className="notice info">{t('vote.ballotsPartial', { n: ballots, total })}</p>}
      <section aria-labelledby="by-party">
        <h2 id="by-party">{t('vote.byParty')}</h2>
        <PartySplitChart parties={v.parties} />
        <p><a href={csvUrl(urlFor('/api/v1/votes/{jurisdiction}/{session}/{number}', { jurisdiction: params.jurisdiction ?? '', session: params.session ?? '', number: params.number ?? '' }), {})} download>{t('vote.ballotsCsv')}</a></p>
      </section>

      <section aria-labelledby="dissenters">
        <h2 id="dissenters">{t('vote.dissenters')}</h2>
        {v.dissenters.length ? (
          <ul className="plain">
            {v.dissenters.map((d) => (
              <li key={`${d.voter_name}-${d.party?.en}`}>
                <Voter ballot={d} /> ({pickText(d.party, lang)}) — {t('vote.dissent', { option: t(OPTION[d.option] ?? 'option.other'), majority: t(OPTION[d.party_majority] ?? 'option.other') })}
              </li>
            ))}
          </ul>
        ) : <p>{t('vote.noDissenters')}</p>}
      </section>

      <section aria-labelledby="ballots">
        <h2 id="ballots">{t('vote.ballots', { n: v.votes.length })}</h2>
        <div className="filters inline">
          <label className="field">
            <span>{t('vote.findMember')}</span>
            <input type="search" value={name} onChange={(e) => filter(setName)(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('vote.party')}</span>
            <select value={party} onChange={(e) => filter(setParty)(e.target.value)}>
              <option value="">{t('filters.any')}</option>
              {parties.map(([key, name]) => <option key={key} value={key}>{pickText(name, lang) || t('vote.noParty')}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('vote.option')}</span>
            <select value={option} onChange={(e) => filter(setOption)(e.target.value)}>
              <option value="">{t('filters.any')}</option>
              {Object.entries(OPTION).map(([value, key]) => <option key={value} value={value}>{t(key)}</option>)}
            </select>
          </label>
        </div>
        <ScrollTable label={t('vote.ballots', { n: shown.length })}>
          <thead>
            <tr><th scope="col">{t('vote.member')}</th><th scope="col">{t('vote.riding')}</th><th scope="col">{t('vote.party')}</th><th scope="col">{t('vote.option')}</th></tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((b, i) => (
              <tr key={`${b.voter_name}-${i}`}>
                <td><Voter ballot={b} /></td>
                <td>{b.district ?? '—'}</td>
                <td>{pickText(b.party, lang) || '—'}</td>
                <td><span className={`option option-${b.option}`}>{t(OPTION[b.option] ?? 'option.other')}</span></td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        {shown.length > limit && (
          <p className="more">
            <span role="status">{t('vote.showing', { shown: formatNumber(limit, lang), total: formatNumber(shown.length, lang) })}</span>{' '}
            <button type="button" onClick={() => setLimit(limit + BALLOTS_PER_PAGE)}>
              {t('vote.showMore', { n: formatNumber(Math.min(BALLOTS_PER_PAGE, shown.length - limit), lang) })}
            </button>
          </p>
        )}
      </section>
      </>
      )}
    </article>
  );
}
