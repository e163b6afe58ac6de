/** Users and roles: find accounts, change role and rate-limit tier, disable or enable, lift a lockout, open their API keys. */
import { useState, type FormEvent } from 'react';
import { FilterForm, SelectField, TextField } from '../../components/Filters';
import { Heading } from '../../components/Heading';
import { ListSummary } from '../../components/ListSummary';
import { Pagination } from '../../components/Pagination';
import { RequireRole } from '../../components/RequireRole';
import { Pending } from '../../components/Status';
import { api, ApiError, withQuery } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { Link, useQuery } from '../../lib/router';
import type { User } from '../../lib/shapes';
import { useApi } from '../../lib/use-api';
import { useAdminVocabulary } from './vocabulary';
import { filtersFrom, type FilterName } from '../../lib/filters';

const FILTERS: FilterName<'/api/v1/admin/users'>[] = ['q', 'role', 'disabled'];

function UserRow({ user, roles, tiers, onSaved }: { user: User; roles: string[]; tiers: string[]; onSaved: () => void }) {
  const t = useT();
  const lang = useLang();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const changes: Record<string, unknown> = {};
    if (data.get('role') !== user.role) changes.role = data.get('role');
    if (data.get('tier') !== user.tier) changes.tier = data.get('tier');
    if ((data.get('disabled') === 'on') !== user.disabled) changes.disabled = data.get('disabled') === 'on';
    if (Object.keys(changes).length === 0) return setMessage({ error: false, text: t('admin.noChange') });
    try {
      await api('/api/v1/admin/users/{id}', { method: 'patch', path: { id: user.id }, body: changes });
      setMessage({ error: false, text: t('admin.saved') });
      onSaved();
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError ? e.message : String(e) });
    }
  }
  async function unlock() {
    await api('/api/v1/admin/users/{id}/unlock', { method: 'post', path: { id: user.id } });
    setMessage({ error: false, text: t('admin.unlocked') });
  }
  const id = `user-${user.id}`;
  return (
    <li className="user-row">
      <form onSubmit={save} aria-labelledby={id}>
        <p id={id}><strong>{user.email}</strong>{user.username && <> · {user.username}</>} <span className="meta">{t('admin.joined', { date: formatDateTime(user.created_at, lang) })}</span></p>
        <div className="filters inline">
          <label className="field"><span>{t('account.role')}</span>
            <select name="role" defaultValue={user.role}>{roles.map((r) => <option key={r} value={r}>{t(`role.${r as User['role']}`)}</option>)}</select>
          </label>
          <label className="field"><span>{t('account.tier')}</span>
            <select name="tier" defaultValue={user.tier}>{tiers.map((x) => <option key={x} value={x}>{x}</option>)}</select>
          </label>
          <label className="check"><input type="checkbox" name="disabled" defaultChecked={user.disabled} /> {t('admin.disabled')}</label>
          <div className="filter-actions">
            <button type="submit">{t('admin.save')}</button>
            <button type="button" onClick={unlock}>{t('admin.unlock')}</button>
            <Link to={withQuery('/admin/keys', { user_id: user.id })}>{t('admin.keys')}</Link>
          </div>
        </div>
        <p role="status" className={message?.error ? 'error-text' : 'meta'}>{message?.text}</p>
      </form>
    </li>
  );
}

export default function Users() {
  const t = useT();
  const query = useQuery();
  const { roles, tiers } = useAdminVocabulary();
  const filters = filtersFrom(query, [...FILTERS, 'page']);
  const users = useApi('/api/v1/admin/users', { query: { ...filters, per_page: 25 } });
  return (
    <RequireRole roles={['admin']}>
      <Heading title={t('admin.users')} />
      <FilterForm names={FILTERS} label={t('admin.userFilters')}>
        <TextField name="q" type="search" label={t('admin.userSearch')} />
        <SelectField name="role" label={t('account.role')} any={t('filters.any')} options={roles.map((r) => ({ value: r, label: t(`role.${r as User['role']}`) }))} />
        <SelectField name="disabled" label={t('admin.disabled')} any={t('filters.any')} options={[{ value: 'true', label: t('admin.disabledOnly') }, { value: 'false', label: t('admin.enabledOnly') }]} />
      </FilterForm>
      <Pending {...users} retry={users.reload} />
      {users.data && roles.length > 0 && (
        <>
          <ListSummary pagination={users.data.pagination} apiPath="/api/v1/admin/users" query={filters} />
          <ul className="plain users">
            {users.data.results.map((u) => <UserRow key={u.id} user={u} roles={roles} tiers={tiers} onSaved={users.reload} />)}
          </ul>
          <Pagination pagination={users.data.pagination} />
        </>
      )}
    </RequireRole>
  );
}
