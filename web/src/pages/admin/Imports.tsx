/** Import runs: start an import of a source's bundled sample, and every run with its counts, refreshed while any runs. */
import { FilterForm, SelectField } from '../../components/Filters';
import { field, FormError, useSubmit } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { ListSummary } from '../../components/ListSummary';
import { Pagination } from '../../components/Pagination';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, navigate, useQuery } from '../../lib/router';
import type { DataSource } from '../../lib/shapes';
import { clearApiCache, useApi } from '../../lib/use-api';
import { RunStatus, usePolling } from './import-parts';
import { filtersFrom, type FilterName } from '../../lib/filters';

const FILTERS: FilterName<'/api/v1/admin/imports'>[] = ['source', 'status'];
const STATUSES = ['running', 'succeeded', 'partial', 'failed', 'abandoned'] as const;

function StartImport({ sources }: { sources: DataSource[] }) {
  const t = useT();
  const start = useSubmit(
    (data) => api('/api/v1/admin/imports', { method: 'post', body: { source: field(data, 'source'), sample: true } }),
    (run) => {
      // Pages read before the import would show the old data for up to a minute.
      clearApiCache();
      navigate(`/admin/imports/${run.id}`);
    },
  );
  return (
    <section aria-labelledby="start">
      <h2 id="start">{t('imports.start')}</h2>
      <form className="filters inline" onSubmit={start.onSubmit}>
        <label className="field">
          <span>{t('imports.source')}</span>
          <select name="source" required>
            {sources.map((s) => <option key={s.source} value={s.source}>{s.source}</option>)}
          </select>
        </label>
        <div className="filter-actions"><button type="submit" disabled={start.busy}>{t('imports.startButton')}</button></div>
      </form>
      <p className="meta">{t('imports.sampleOnly')}</p>
      <FormError error={start.error} />
    </section>
  );
}

export default function Imports() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const sources = useApi('/api/v1/sources', { query: { per_page: 100 } });
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const runs = useApi('/api/v1/admin/imports', { query: { ...filters, per_page: 20 } });
  usePolling(!!runs.data?.results.some((r) => r.status === 'running'), runs.reload, 2000);
  const sourceOptions = (sources.data?.results ?? []).map((s) => ({ value: s.source, label: s.source }));
  return (
    <RequireRole roles={['admin', 'editor']}>
      <Heading title={t('admin.imports')} />
      {sources.data && <StartImport sources={sources.data.results} />}
      <h2>{t('imports.runs')}</h2>
      <FilterForm names={FILTERS} label={t('imports.filters')}>
        <SelectField name="source" label={t('imports.source')} any={t('filters.any')} options={sourceOptions} />
        <SelectField name="status" label={t('imports.status')} any={t('filters.any')} options={STATUSES.map((s) => ({ value: s, label: t(`run.${s}`) }))} />
      </FilterForm>
      <Pending {...runs} retry={runs.reload} />
      {runs.data && (
        <>
          <ListSummary pagination={runs.data.pagination} apiPath="/api/v1/admin/imports" query={filters} />
          <ScrollTable label={t('imports.runs')}>
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">{t('imports.source')}</th><th scope="col">{t('imports.status')}</th><th scope="col">{t('imports.started')}</th>
                <th scope="col">{t('imports.inserted')}</th><th scope="col">{t('imports.updated')}</th><th scope="col">{t('imports.rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.results.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/admin/imports/${r.id}`}>{r.id}</Link></td>
                  <td>{r.source}</td>
                  <td><RunStatus status={r.status} /></td>
                  <td className="nowrap">{formatDateTime(r.started_at, lang)}</td>
                  <td>{formatNumber(r.inserted, lang)}</td>
                  <td>{formatNumber(r.updated, lang)}</td>
                  <td>{formatNumber(r.rejected, lang)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={runs.data.pagination} />
        </>
      )}
    </RequireRole>
  );
}
