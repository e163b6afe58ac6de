/** Every user's API keys: find them by name, prefix or owner, see the owner's rate-limit tier, revoke any one. */
import { useState } from 'react';
import { FilterForm, SelectField, TextField } from '../../components/Filters';
import { FormError } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { KeyState } from '../../components/KeyState';
import { ListSummary } from '../../components/ListSummary';
import { Pagination } from '../../components/Pagination';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api, ApiError, withQuery } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, useQuery } from '../../lib/router';
import type { AdminApiKey } from '../../lib/shapes';
import { useApi } from '../../lib/use-api';
import { filtersFrom, type FilterName } from '../../lib/filters';

const FILTERS: FilterName<'/api/v1/admin/keys'>[] = ['q', 'revoked', 'user_id'];

export default function Keys() {
  const t = useT();
  const lang = useLang();
  const query = useQuery();
  const [error, setError] = useState<string | null>(null);
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const keys = useApi('/api/v1/admin/keys', { query: { ...filters, per_page: 50 } });
  async function revoke(key: AdminApiKey) {
    if (!window.confirm(t('adminKeys.confirmRevoke', { name: key.name, owner: key.owner.email }))) return;
    setError(null);
    try {
      await api('/api/v1/admin/keys/{id}', { method: 'delete', path: { id: key.id } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
    // Also after an error: the key may have been revoked meanwhile, and the list should say so.
    keys.reload();
  }
  return (
    <RequireRole roles={['admin']}>
      <Heading title={t('admin.keys')} />
      <p>{t('adminKeys.explain')}</p>
      <FilterForm names={FILTERS} label={t('adminKeys.filters')}>
        <TextField name="q" type="search" label={t('adminKeys.search')} />
        <SelectField name="revoked" label={t('keys.state')} any={t('filters.any')} options={[{ value: 'false', label: t('adminKeys.liveOnly') }, { value: 'true', label: t('adminKeys.revokedOnly') }]} />
        <TextField name="user_id" label={t('audit.userId')} />
      </FilterForm>
      <FormError error={error} />
      <Pending {...keys} retry={keys.reload} />
      {keys.data && (
        <>
          <ListSummary pagination={keys.data.pagination} apiPath="/api/v1/admin/keys" query={filters} />
          <ScrollTable label={t('admin.keys')}>
            <thead>
              <tr>
                <th scope="col">{t('keys.name')}</th><th scope="col">{t('keys.prefix')}</th><th scope="col">{t('adminKeys.owner')}</th><th scope="col">{t('account.tier')}</th>
                <th scope="col">{t('account.started')}</th><th scope="col">{t('account.lastUsed')}</th><th scope="col">{t('keys.state')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.results.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td><Link to={withQuery('/admin/users', { q: k.owner.email })}>{k.owner.email}</Link>{k.owner.username && <> · {k.owner.username}</>}</td>
                  <td>{k.owner.tier}</td>
                  <td className="nowrap">{formatDateTime(k.created_at, lang)}</td>
                  <td className="nowrap">{formatDateTime(k.last_used_at, lang)}</td>
                  <KeyState apiKey={k} onRevoke={() => revoke(k)} revokeLabel={t('adminKeys.revokeLabel', { name: k.name, owner: k.owner.email })} />
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pagination pagination={keys.data.pagination} />
        </>
      )}
    </RequireRole>
  );
}
