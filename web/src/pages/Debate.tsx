/** One sitting: its speeches in order, a page at a time. */
import { Heading } from '../components/Heading';
import { Pagination } from '../components/Pagination';
import { SpeechView } from '../components/SpeechView';
import { Pending } from '../components/Status';
import { withQuery } from '../lib/api';
import { formatDate } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { csvUrl } from '../lib/links';
import { useQuery, type Params } from '../lib/router';
import type { Debate as DebateRecord, List, Speech } from '../lib/types';
import { useApi } from '../lib/use-api';

export default function Debate({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const api = `/api/v1/debates/${params.id}`;
  const debate = useApi<DebateRecord>(api);
  const speeches = useApi<List<Speech>>(withQuery(`${api}/speeches`, { per_page: 20, page: query.get('page') }));
  const d = debate.data;
  return (
    <>
      <p className="eyebrow">{d?.title}</p>
      <Heading title={d ? formatDate(d.date, lang) : t('debates.title')} />
      <Pending {...debate} retry={debate.reload} />
      <Pending {...speeches} retry={speeches.reload} />
      {speeches.data && (
        <>
          <div className="list-summary">
            <h2>{t('debates.speeches', { n: speeches.data.pagination.total_items })}</h2>
            <a href={csvUrl(`${api}/speeches`, {})} download>{t('list.csv')}</a>
          </div>
          {speeches.data.results.map((s) => <SpeechView key={s.id} speech={s} linkTitle />)}
          <Pagination pagination={speeches.data.pagination} />
        </>
      )}
    </>
  );
}
