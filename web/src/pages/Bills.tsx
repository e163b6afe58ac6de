/** Bills: the API's filters as a form whose state is the URL, the matching bills, pages and CSV. */
import { Bi } from '../components/Bi';
import { FilterForm, SelectField, TextField } from '../components/Filters';
import { Heading } from '../components/Heading';
import { ListSummary } from '../components/ListSummary';
import { Pagination } from '../components/Pagination';
import { ScrollTable } from '../components/ScrollTable';
import { Pending } from '../components/Status';
import { formatDate } from '../lib/format';
import { pickText, useLang, useT } from '../lib/i18n';
import { personPath, sitePath } from '../lib/links';
import { useLegislatures, useSessionGroups } from '../lib/reference';
import { Link, setQuery, useQuery } from '../lib/router';
import { useApi } from '../lib/use-api';
import { BILL_STATUSES, BILL_TYPES } from '../lib/vocab';
import { filtersFrom, type FilterName } from '../lib/filters';

const FILTERS: FilterName<'/api/v1/bills'>[] = ['q', 'jurisdiction', 'session', 'status', 'type', 'government', 'sort'];
// Without a sort, a search ranks by relevance and the list shows the latest activity first.
const SORTS = ['updated_desc', 'introduced_desc', 'number_asc'] as const;

export default function Bills() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const filters = filtersFrom(query, [...FILTERS, 'sponsor', 'page']);
  const apiQuery = { ...filters, sort: filters.sort ?? (filters.q ? undefined : 'latest_action_desc'), per_page: 20 };
  const bills = useApi('/api/v1/bills', { query: apiQuery });
  const legislatures = useLegislatures(lang);
  const sessions = useSessionGroups(lang);
  const sponsor = query.get('sponsor');
  const sponsorName = bills.data?.results.find((b) => b.sponsor?.id === sponsor)?.sponsor?.name;

  return (
    <>
      <Heading title={t('bills.title')} />
      <FilterForm names={FILTERS} label={t('bills.filters')}>
        <TextField name="q" type="search" label={t('bills.q')} placeholder={t('bills.qPlaceholder')} />
        <SelectField name="jurisdiction" label={t('filters.legislature')} any={t('filters.any')} options={legislatures} />
        <SelectField name="session" label={t('filters.session')} any={t('filters.any')} groups={sessions} />
        <SelectField name="status" label={t('bills.status')} any={t('filters.any')} options={BILL_STATUSES.map((s) => ({ value: s.en, label: pickText(s, lang) }))} />
        <SelectField name="type" label={t('bills.type')} any={t('filters.any')} options={BILL_TYPES.map((s) => ({ value: s.en, label: pickText(s, lang) }))} />
        <SelectField name="government" label={t('bills.government')} any={t('filters.any')} options={[{ value: 'true', label: t('bills.governmentYes') }, { value: 'false', label: t('bills.governmentNo') }]} />
        <SelectField name="sort" label={t('filters.sort')} any={t(filters.q ? 'sort.relevance' : 'sort.latest_action_desc')} options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))} />
      </FilterForm>
      {sponsor && (
        <p className="chip">
          {t('bills.sponsoredBy')} <Link to={personPath(sponsor)}>{sponsorName ?? sponsor}</Link>{' '}
          <button type="button" className="link-button" onClick={() => setQuery({ sponsor: null })}>{t('filters.remove')}</button>
        </p>
      )}
      <Pending {...bills} retry={bills.reload} />
      {bills.data && (
        <>
          <ListSummary pagination={bills.data.pagination} apiPath="/api/v1/bills" query={filters} />
          <ScrollTable label={t('bills.title')}>
            <thead>
              <tr>
                <th scope="col">{t('bills.number')}</th>
                <th scope="col">{t('bills.billTitle')}</th>
                <th scope="col">{t('bills.status')}</th>
                <th scope="col">{t('bills.latestAction')}</th>
              </tr>
            </thead>
            <tbody>
              {bills.data.results.map((b) => (
                <tr key={b.id}>
                  <td className="nowrap"><Link to={sitePath(b.url)}>{b.identifier}</Link> <span className="meta">{b.session}</span></td>
                  <td><Bi value={b.short_title.en || b.short_title.fr ? b.short_title : b.title} /></td>
                  <td><Bi value={b.status} /></td>
                  <td className="nowrap">{formatDate(b.latest_action_date, lang)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={bills.data.pagination} />
        </>
      )}
    </>
  );
}
