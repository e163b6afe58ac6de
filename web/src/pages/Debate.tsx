/** One sitting: its table of contents by subject, and its speeches in order, a page at a time. */
import { useEffect } from 'react';
import { Bi } from '../components/Bi';
import { Heading } from '../components/Heading';
import { Pagination } from '../components/Pagination';
import { SpeechView } from '../components/SpeechView';
import { Pending } from '../components/Status';
import { urlFor } from '../lib/api';
import { formatDate, formatNumber } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { csvUrl, debatePath } from '../lib/links';
import { Link, useLocation, useQuery, type Params } from '../lib/router';
import type { DebateDetail } from '../lib/shapes';
import { useApi } from '../lib/use-api';
import { debateTitle } from '../../../src/api/page-titles';

const PER_PAGE = 20;

/** Each subject links to its first speech: on the page of the speeches that holds it. */
function Contents({ debate }: { debate: DebateDetail }) {
  const t = useT();
  const lang = useLang();
  if (debate.subjects.length < 2) return null;
  const to = (position: number, speechId: string) => {
    const page = Math.ceil(position / PER_PAGE);
    return `${debatePath(debate.id)}${page > 1 ? `?page=${page}` : ''}#speech-${speechId}`;
  };
  return (
    <nav aria-labelledby="subjects" className="contents">
      <h2 id="subjects">{t('debates.subjects')}</h2>
      <ol>
        {debate.subjects.map((s) => (
          <li key={s.first_speech_id}>
            <Link to={to(s.position, s.first_speech_id)}><Bi value={s.subject} fallback={t('speech.untitled')} /></Link>
            <span className="meta"> · {t('debates.subjectCount', { n: formatNumber(s.speeches, lang) })}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export default function Debate({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const { hash } = useLocation();
  const debate = useApi('/api/v1/debates/{id}', { path: { id: params.id } });
  const speeches = useApi('/api/v1/debates/{id}/speeches', { path: { id: params.id }, query: { per_page: PER_PAGE, page: query.get('page') } });
  const d = debate.data;
  // A subject's link names its first speech: once that page of speeches is here, bring it into view.
  useEffect(() => {
    if (!speeches.data || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
    target?.focus({ preventScroll: true });
  }, [speeches.data, hash]);
  return (
    <>
      <p className="eyebrow">{pickText(d?.title, lang)}</p>
      <Heading title={d ? debateTitle(lang, d.date) : t('debates.title')}>{d && formatDate(d.date, lang)}</Heading>
      <Pending {...debate} retry={debate.reload} />
      {d && <Contents debate={d} />}
      <Pending {...speeches} retry={speeches.reload} />
      {speeches.data && (
        <>
          <div className="list-summary">
            <h2>{t('debates.speeches', { n: speeches.data.pagination.total_items })}</h2>
            <a href={csvUrl(urlFor('/api/v1/debates/{id}/speeches', { id: params.id }), {})} download>{t('list.csv')}</a>
          </div>
          {speeches.data.results.map((s) => <SpeechView key={s.id} speech={s} linkTitle />)}
          <Pagination pagination={speeches.data.pagination} />
        </>
      )}
    </>
  );
}
