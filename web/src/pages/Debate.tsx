/** One sitting: its speeches in order, a page at a time. */
import { Heading } from '../components/Heading';
import { Pagination } from '../components/Pagination';
import { SpeechView } from '../components/SpeechView';
import { Pending } from '../components/Status';
import { urlFor } from '../lib/api';
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { csvUrl } from '../lib/links';
import { useQuery, type Params } from '../lib/router';
import { useApi } from '../lib/use-api';

export default function Debate({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const debate = useApi('/api/v1/debates/{id}', { path: { id: params.id } });
  const speeches = useApi('/api/v1/debates/{id}/speeches', { path: { id: params.id }, query: { per_page: 20, page: query.get('page') } });
  const d = debate.data;
  return (
    <>
      <p className="eyebrow">{pickText(d?.title, lang)}</p>
      <Heading title={d ? formatDate(d.date, lang) : t('debates.title')} />
      <Pending {...debate} retry={debate.reload} />
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
