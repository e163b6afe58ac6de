/** My account: who I am, what I follow, password, my sessions, my API keys, and logging out. */
import { useState } from 'react';
import { Heading } from '../../components/Heading';
import { FormError, useSubmit } from '../../components/Form';
import { RequireRole } from '../../components/RequireRole';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api } from '../../lib/api';
import { logOut } from '../../lib/account';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import type { PasswordChanged } from '../../lib/shapes';
import { useApi } from '../../lib/use-api';
import { ApiKeys } from './ApiKeys';
import { Alerts } from './Alerts';
import { Saved } from './Saved';

function Sessions() {
  const t = useT();
  const lang = useLang();
  const sessions = useApi('/api/v1/auth/sessions');
  // One session by its id, or every other one.
  const end = async (id?: string) => {
    await (id ? api('/api/v1/auth/sessions/{id}', { method: 'delete', path: { id } }) : api('/api/v1/auth/sessions', { method: 'delete' }));
    sessions.reload();
  };
  return (
    <section aria-labelledby="sessions">
      <h2 id="sessions">{t('account.sessions')}</h2>
      <Pending {...sessions} retry={sessions.reload} />
      {sessions.data && (
        <>
          <ScrollTable label={t('account.sessions')}>
            <thead>
              <tr><th scope="col">{t('account.started')}</th><th scope="col">{t('account.lastUsed')}</th><th scope="col">{t('account.device')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr>
            </thead>
            <tbody>
              {sessions.data.results.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">{formatDateTime(s.created_at, lang)}</td>
                  <td className="nowrap">{formatDateTime(s.last_used_at, lang)}</td>
                  <td>{s.user_agent ?? '—'} {s.ip && <span className="meta">({s.ip})</span>}</td>
                  <td>{s.current ? <strong>{t('account.thisSession')}</strong> : <button type="button" onClick={() => end(s.id)}>{t('account.endSession')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          {sessions.data.results.length > 1 && <button type="button" onClick={() => end()}>{t('account.endOthers')}</button>}
        </>
      )}
    </section>
  );
}

/** After a change, the keys that still work are shown (the change ends other sessions, not keys). */
function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [changed, setChanged] = useState<PasswordChanged | null>(null);
  const { busy, error, onSubmit } = useSubmit(
    (data) => api('/api/v1/auth/password', { method: 'post', body: { current_password: String(data.get('current_password') ?? ''), new_password: String(data.get('new_password') ?? '') } }),
    (result) => {
      setChanged(result);
      onChanged();
    },
  );
  return (
    <section aria-labelledby="password">
      <h2 id="password">{t('account.password')}</h2>
      <form className="stack narrow" onSubmit={onSubmit}>
        <label className="field"><span>{t('account.currentPassword')}</span><input name="current_password" type="password" autoComplete="current-password" required /></label>
        <label className="field"><span>{t('reset.newPassword')}</span><input name="new_password" type="password" autoComplete="new-password" minLength={12} required /></label>
        <FormError error={error} />
        {changed && <p className="notice success" role="status">{t('account.passwordChanged')}</p>}
        {changed && changed.api_keys.length > 0 && <p className="notice" role="status">{t('account.keysRemain')} ({changed.api_keys.map((k) => k.name).join(', ')})</p>}
        <button type="submit" disabled={busy}>{t('account.changePassword')}</button>
      </form>
    </section>
  );
}

function Profile() {
  const t = useT();
  const { user } = useStore(session);
  if (!user) return null;
  return (
    <dl className="facts">
      <div><dt>{t('register.email')}</dt><dd>{user.email}</dd></div>
      {user.username && <div><dt>{t('register.username')}</dt><dd>{user.username}</dd></div>}
      {user.name && <div><dt>{t('register.name')}</dt><dd>{user.name}</dd></div>}
      <div><dt>{t('account.role')}</dt><dd>{t(`role.${user.role}`)}</dd></div>
      <div><dt>{t('account.tier')}</dt><dd>{user.tier}</dd></div>
    </dl>
  );
}

export default function Account() {
  const t = useT();
  const keys = useApi('/api/v1/keys');
  const logout = useSubmit(async () => logOut(), () => navigate('/'));
  return (
    <RequireRole>
      <Heading title={t('account.title')} />
      <Profile />
      <form onSubmit={logout.onSubmit}><button type="submit" disabled={logout.busy}>{t('account.logout')}</button></form>
      <Saved />
      <Alerts />
      <ApiKeys keys={keys} />
      <Sessions />
      <ChangePassword onChanged={keys.reload} />
    </RequireRole>
  );
}

