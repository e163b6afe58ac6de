/** The audit log, newest first, filtered by action, outcome, user, address and time, in the URL. */
import { FilterForm, SelectField, TextField } from '../../components/Filters';
import { Heading } from '../../components/Heading';
import { ListSummary } from '../../components/ListSummary';
import { Pagination } from '../../components/Pagination';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { useQuery } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { useAdminVocabulary } from './vocabulary';
import { filtersFrom, type FilterName } from '../../lib/filters';

const FILTERS: FilterName<'/api/v1/admin/audit'>[] = ['action', 'outcome', 'user_id', 'ip', 'since', 'until'];

/** The date fields give a day; the API wants instants: the start of that day in the reader's time zone. */
function apiFilters(filters: Record<string, string>): Record<string, string> {
  const result = { ...filters };
  for (const key of ['since', 'until'] as const) {
    if (result[key]) result[key] = new Date(`${result[key]}T00:00:00`).toISOString();
  }
  return result;
}

const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details).map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`).join(', ');

export default function Audit() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const { auditActions } = useAdminVocabulary();
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const entries = useApi('/api/v1/admin/audit', { query: { ...apiFilters(filters), per_page: 50 } });
  return (
    <RequireRole roles={['admin']}>
      <Heading title={t('admin.audit')} />
      <FilterForm names={FILTERS} label={t('audit.filters')}>
        <SelectField name="action" label={t('audit.action')} any={t('filters.any')} options={auditActions.map((a) => ({ value: a, label: a }))} />
        <SelectField name="outcome" label={t('audit.outcome')} any={t('filters.any')} options={[{ value: 'success', label: t('audit.success') }, { value: 'failure', label: t('audit.failure') }]} />
        <TextField name="user_id" label={t('audit.userId')} />
        <TextField name="ip" label={t('audit.ip')} />
        <TextField name="since" type="date" label={t('filters.since')} />
        <TextField name="until" type="date" label={t('filters.before')} />
      </FilterForm>
      <Pending {...entries} retry={entries.reload} />
      {entries.data && (
        <>
          <ListSummary pagination={entries.data.pagination} apiPath="/api/v1/admin/audit" query={apiFilters(filters)} />
          <ScrollTable label={t('admin.audit')}>
            <thead>
              <tr><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.outcome')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.target')}</th><th scope="col">{t('audit.ip')}</th><th scope="col">{t('audit.details')}</th></tr>
            </thead>
            <tbody>
              {entries.data.results.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                  <td><code>{e.action}</code></td>
                  <td><span className={`badge outcome-${e.outcome}`}>{t(e.outcome === 'failure' ? 'audit.failure' : 'audit.success')}</span></td>
                  <td>{e.actor ?? e.user_id ?? '—'}</td>
                  <td>{e.target_type ? <code className="break">{e.target_type}:{e.target_id}</code> : '—'}</td>
                  <td>{e.ip ?? '—'}</td>
                  <td>{Object.keys(e.details).length ? <code>{detailsText(e.details)}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={entries.data.pagination} />
        </>
      )}
    </RequireRole>
  );
}
