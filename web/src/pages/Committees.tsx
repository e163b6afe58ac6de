/** Committees of the House, the Senate and joint ones, filtered in the URL, with pages and CSV. */
import { Bi } from '../components/Bi';
import { FilterForm, SelectField, TextField } from '../components/Filters';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { Pending } from '../components/Status';
import { formatDate } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import { committeePath } from '../lib/links';
import { useLegislatures } from '../lib/reference';
import { Link, useQuery } from '../lib/router';
import { useApi } from '../lib/use-api';

const FILTERS = ['name', 'jurisdiction', 'chamber'];

export default function Committees() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const filters = Object.fromEntries([...FILTERS, 'page'].map((k) => [k, query.get(k) ?? '']).filter(([, v]) => v));
  const committees = useApi('/api/v1/committees', { query: { ...filters, per_page: 50 } });
  const legislatures = useLegislatures(lang);
  return (
    <>
      <Heading title={t('committees.title')} />
      <FilterForm names={FILTERS} label={t('committees.filters')}>
        <TextField name="name" type="search" label={t('committees.name')} />
        <SelectField name="jurisdiction" label={t('filters.legislature')} any={t('filters.any')} options={legislatures} />
        <SelectField name="chamber" label={t('committees.chamber')} any={t('filters.any')} options={[
          { value: 'lower', label: t('chamber.lower') }, { value: 'upper', label: t('chamber.upper') }, { value: 'joint', label: t('chamber.joint') },
        ]} />
      </FilterForm>
      <Pending {...committees} retry={committees.reload} />
      {committees.data && (
        <>
          <ListSummary pagination={committees.data.pagination} apiPath="/api/v1/committees" query={filters} />
          <ul className="cards">
            {committees.data.results.map((c) => {
              // Same-name committees sort together, so the one that took over is on the same page.
              const supersedes = committees.data!.results.some((other) => other.superseded_by === c.id);
              return (
                <li key={c.id}>
                  <Link to={committeePath(c.id)}><Bi value={c.name} /></Link>
                  {c.superseded_by && <> <span className="badge">{t('committee.former')}</span></>}
                  {supersedes && <> <span className="badge current">{t('committee.current')}</span></>}
                  <p className="meta">
                    {c.abbreviation}{c.chamber && <> · {t(c.chamber === 'upper' ? 'chamber.upper' : c.chamber === 'joint' ? 'chamber.joint' : 'chamber.lower')}</>}
                    {c.first_active && <> · {t('committee.active', { first: formatDate(c.first_active, lang), last: formatDate(c.last_active, lang) })}</>}
                  </p>
                </li>
              );
            })}
          </ul>
          <Pagination pagination={committees.data.pagination} />
        </>
      )}
    </>
  );
}
