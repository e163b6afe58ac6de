/** Debates: sittings by date (Hansard), filtered in the URL, with pages and CSV. */
import { FilterForm, SelectField, TextField } from '../components/Filters';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { Pending } from '../components/Status';
import { formatDate, formatNumber } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { debatePath } from '../lib/links';
import { useLegislatures, useSessionGroups } from '../lib/reference';
import { Link, useQuery } from '../lib/router';
import { useApi } from '../lib/use-api';
import { filtersFrom, type FilterName } from '../lib/filters';

const FILTERS: FilterName<'/api/v1/debates'>[] = ['jurisdiction', 'session', 'since', 'before', 'sort'];

export default function Debates() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const debates = useApi('/api/v1/debates', { query: { ...filters, per_page: 20 } });
  const legislatures = useLegislatures(lang);
  const sessions = useSessionGroups(lang);
  return (
    <>
      <Heading title={t('debates.title')} />
      <FilterForm names={FILTERS} label={t('debates.filters')}>
        <SelectField name="jurisdiction" label={t('filters.legislature')} any={t('filters.any')} options={legislatures} />
        <SelectField name="session" label={t('filters.session')} any={t('filters.any')} groups={sessions} />
        <TextField name="since" type="date" label={t('filters.since')} />
        <TextField name="before" type="date" label={t('filters.before')} />
        <SelectField name="sort" label={t('filters.sort')} any={t('sort.date_desc')} options={[{ value: 'date_asc', label: t('sort.date_asc') }]} />
      </FilterForm>
      <Pending {...debates} retry={debates.reload} />
      {debates.data && (
        <>
          <ListSummary pagination={debates.data.pagination} apiPath="/api/v1/debates" query={filters} />
          <ul className="cards">
            {debates.data.results.map((d) => (
              <li key={d.id}>
                <Link to={debatePath(d.id)}>{formatDate(d.date, lang)}</Link>
                <p className="meta">{pickText(d.title, lang) || d.session} · {t('debates.speeches', { n: formatNumber(d.speech_count, lang) })}</p>
              </li>
            ))}
          </ul>
          <Pagination pagination={debates.data.pagination} />
        </>
      )}
    </>
  );
}
