/** Divisions: filters in the URL, the matching recorded votes with their results, pages and CSV. */
import { Bi } from '../components/Bi';
import { FilterForm, SelectField, TextField } from '../components/Filters';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { ScrollTable } from '../components/ScrollTable';
import { Pending } from '../components/Status';
import { VoteCounts } from '../components/VoteCounts';
import { formatDate } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { sitePath } from '../lib/links';
import { useLegislatures, useSessionGroups } from '../lib/reference';
import { Link, useQuery } from '../lib/router';
import { useApi } from '../lib/use-api';
import { filtersFrom, type FilterName } from '../lib/filters';

const FILTERS: FilterName<'/api/v1/votes'>[] = ['jurisdiction', 'session', 'bill', 'result', 'since', 'before', 'sort'];

export default function Votes() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const votes = useApi('/api/v1/votes', { query: { ...filters, per_page: 20 } });
  const legislatures = useLegislatures(lang);
  const sessions = useSessionGroups(lang);

  return (
    <>
      <Heading title={t('votes.title')} />
      <FilterForm names={FILTERS} label={t('votes.filters')}>
        <SelectField name="jurisdiction" label={t('filters.legislature')} any={t('filters.any')} options={legislatures} />
        <SelectField name="session" label={t('filters.session')} any={t('filters.any')} groups={sessions} />
        <TextField name="bill" label={t('votes.bill')} placeholder="C-21" />
        <SelectField name="result" label={t('votes.result')} any={t('filters.any')} options={[{ value: 'pass', label: t('result.pass') }, { value: 'fail', label: t('result.fail') }, { value: 'tie', label: t('result.tie') }]} />
        <TextField name="since" type="date" label={t('filters.since')} />
        <TextField name="before" type="date" label={t('filters.before')} />
        <SelectField name="sort" label={t('filters.sort')} any={t('sort.date_desc')} options={[{ value: 'date_asc', label: t('sort.date_asc') }]} />
      </FilterForm>
      <Pending {...votes} retry={votes.reload} />
      {votes.data && (
        <>
          <ListSummary pagination={votes.data.pagination} apiPath="/api/v1/votes" query={filters} />
          <ScrollTable label={t('votes.title')}>
            <thead>
              <tr>
                <th scope="col">{t('votes.division')}</th>
                <th scope="col">{t('votes.date')}</th>
                <th scope="col">{t('votes.motion')}</th>
                <th scope="col">{t('votes.result')}</th>
              </tr>
            </thead>
            <tbody>
              {votes.data.results.map((v) => (
                <tr key={v.id}>
                  <td className="nowrap"><Link to={sitePath(v.url)}>{v.identifier}</Link> <span className="meta">{v.session}</span></td>
                  <td className="nowrap">{formatDate(v.start_date, lang)}</td>
                  <td><span className="clamp"><Bi value={v.motion_text} /></span></td>
                  <td><VoteCounts vote={v} compact /></td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={votes.data.pagination} />
        </>
      )}
    </>
  );
}
