/** My API keys: create one (its secret is shown this once), see when each was used, revoke. */
import { useState } from 'react';
import { field, FormError, useSubmit } from '../../components/Form';
import { KeyState } from '../../components/KeyState';
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import type { Answer } from '../../lib/contract';
import type { ApiKey, KeyScope, NewApiKey } from '../../lib/shapes';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import type { Resource } from '../../lib/use-api';

/** What a key may be given beyond reading, by role (the API refuses the rest: src/auth/permissions.ts). */
const GRANTABLE: Record<string, KeyScope[]> = {
  user: ['saved:manage'],
  editor: ['saved:manage', 'imports:read', 'imports:run', 'records:edit'],
  admin: ['saved:manage', 'imports:read', 'imports:run', 'records:edit'],
};

/** My keys, reloaded by the account page when a password change leaves them working. */
export function ApiKeys({ keys }: { keys: Resource<Answer<'/api/v1/keys'>> }) {
  const t = useT();
  const lang = useLang();
  const { user } = useStore(session);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useSubmit(
    (data) => {
      const expires = field(data, 'expires');
      const chosen = data.getAll('scope');
      const scopes: KeyScope[] = ['public:read', ...(GRANTABLE[user?.role ?? 'user'] ?? []).filter((scope) => chosen.includes(scope))];
      return api('/api/v1/keys', { method: 'post', body: { name: field(data, 'name'), scopes, ...(expires ? { expires_at: new Date(`${expires}T23:59:59`).toISOString() } : {}) } });
    },
    (key) => {
      setCreated(key);
      setCopied(false);
      keys.reload();
    },
  );
  async function revoke(key: ApiKey) {
    if (!window.confirm(t('keys.confirmRevoke', { name: key.name }))) return;
    await api('/api/v1/keys/{id}', { method: 'delete', path: { id: key.id } });
    keys.reload();
  }
  return (
    <section aria-labelledby="keys">
      <h2 id="keys">{t('keys.title')}</h2>
      <p>{t('keys.explain')}</p>
      <form className="filters inline" onSubmit={create.onSubmit}>
        <label className="field"><span>{t('keys.name')}</span><input name="name" required maxLength={100} placeholder={t('keys.namePlaceholder')} /></label>
        <label className="field"><span>{t('keys.expires')} <span className="meta">({t('common.optional')})</span></span><input name="expires" type="date" /></label>
        <fieldset className="field">
          <legend>{t('keys.scopes')}</legend>
          {(GRANTABLE[user?.role ?? 'user'] ?? []).map((scope) => (
            <label key={scope}><input type="checkbox" name="scope" value={scope} /> <code>{scope}</code></label>
          ))}
        </fieldset>
        <div className="filter-actions"><button type="submit" disabled={create.busy}>{t('keys.create')}</button></div>
      </form>
      <FormError error={create.error} />
      {created && (
        <div className="notice success new-key" role="status">
          <p><strong>{t('keys.showOnce')}</strong></p>
          <p><code data-testid="new-api-key">{created.key}</code></p>
          <button type="button" onClick={() => navigator.clipboard.writeText(created.key).then(() => setCopied(true))}>{copied ? t('keys.copied') : t('keys.copy')}</button>
          <p className="meta">{t('keys.usage')}</p>
        </div>
      )}
      <Pending {...keys} retry={keys.reload} />
      {keys.data && keys.data.results.length > 0 && (
        <ScrollTable label={t('keys.title')}>
          <thead>
            <tr><th scope="col">{t('keys.name')}</th><th scope="col">{t('keys.prefix')}</th><th scope="col">{t('keys.scopes')}</th><th scope="col">{t('account.started')}</th><th scope="col">{t('account.lastUsed')}</th><th scope="col">{t('keys.state')}</th></tr>
          </thead>
          <tbody>
            {keys.data.results.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td><code>{k.prefix}…</code></td>
                <td>{k.scopes.join(', ')}</td>
                <td className="nowrap">{formatDateTime(k.created_at, lang)}</td>
                <td className="nowrap">{formatDateTime(k.last_used_at, lang)}</td>
                <KeyState apiKey={k} onRevoke={() => revoke(k)} />
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
