/**
 * Alerts on the account page: how I am mailed, my private feed, my saved
 * searches with their feeds, and my webhooks (secret shown once, a test event,
 * the delivery log).
 */
import { useState, type FormEvent } from 'react';
import { Pending } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { useApi } from '../../lib/use-api';

type EmailMode = 'immediate' | 'daily' | 'off';

function Deliveries({ id }: { id: string }) {
  const t = useT();
  const lang = useLang();
  const log = useApi('/api/v1/me/webhooks/{id}/deliveries', { path: { id }, query: { per_page: 10 } });
  return (
    <details>
      <summary>{t('alerts.deliveries')}</summary>
      <Pending {...log} retry={log.reload} />
      <ul>
        {log.data?.results.map((d) => (
          <li key={d.id}>
            {formatDateTime(d.created_at, lang)} · {d.test ? 'test' : d.event_id} · {d.status} · {d.attempts}× · HTTP {d.last_status ?? '—'}
            {d.last_latency_ms !== null && ` · ${d.last_latency_ms} ms`}
          </li>
        ))}
      </ul>
      <button type="button" onClick={log.reload}>{t('status.retry')}</button>
    </details>
  );
}

export function Alerts() {
  const t = useT();
  const settings = useApi('/api/v1/me/alerts');
  const searches = useApi('/api/v1/me/searches');
  const hooks = useApi('/api/v1/me/webhooks');
  const [words, setWords] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function attempt(work: () => Promise<unknown>, reload: () => void) {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
    reload();
  }
  const saveSearch = (e: FormEvent) => {
    e.preventDefault();
    void attempt(() => api('/api/v1/me/searches', { method: 'post', body: { q: words } }).then(() => setWords('')), searches.reload);
  };
  const addWebhook = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const created = await api('/api/v1/me/webhooks', { method: 'post', body: { url } });
      setSecret(created.secret);
      setUrl('');
    }, hooks.reload);
  };

  return (
    <section aria-labelledby="alerts">
      <h2 id="alerts">{t('alerts.title')}</h2>
      <p>{t('alerts.explain')}</p>
      {error && <p className="notice error" role="alert">{error}</p>}
      {settings.data && (
        <>
          <label>
            {t('alerts.email')}{' '}
            <select value={settings.data.email} data-testid="alerts-email"
              onChange={(e) => void attempt(() => api('/api/v1/me/alerts', { method: 'put', body: { email: e.target.value as EmailMode } }), settings.reload)}>
              {(['immediate', 'daily', 'off'] as const).map((m) => <option key={m} value={m}>{t(`alerts.email.${m}`)}</option>)}
            </select>
          </label>
          <p>{t('alerts.feed')}: <a href={settings.data.feed_url}>{t('feeds.atom')}</a></p>
        </>
      )}
      <h3>{t('alerts.searches')}</h3>
      <ul>
        {searches.data?.results.map((s) => (
          <li key={s.id}>
            “{s.q}” · <a href={s.feed_url}>{t('feeds.atom')}</a>{' '}
            <button type="button" onClick={() => void attempt(() => api('/api/v1/me/searches/{id}', { method: 'delete', path: { id: s.id } }), searches.reload)}>{t('alerts.delete')}</button>
          </li>
        ))}
      </ul>
      <form onSubmit={saveSearch}>
        <label>{t('alerts.searchWords')} <input value={words} required maxLength={200} onChange={(e) => setWords(e.target.value)} /></label>{' '}
        <button type="submit">{t('alerts.save')}</button>
      </form>
      <h3>{t('alerts.webhooks')}</h3>
      {secret && <p className="notice" role="status">{t('alerts.secret')} <code>{secret}</code></p>}
      <ul>
        {hooks.data?.results.map((h) => (
          <li key={h.id}>
            <code>{h.url}</code>{h.disabled_at && <span className="notice error"> {t('alerts.disabled')}: {h.disabled_reason}</span>}{' '}
            <button type="button" onClick={() => void attempt(() => api('/api/v1/me/webhooks/{id}/test', { method: 'post', path: { id: h.id } }), hooks.reload)}>{t('alerts.test')}</button>{' '}
            <button type="button" onClick={() => void attempt(() => api('/api/v1/me/webhooks/{id}', { method: 'delete', path: { id: h.id } }), hooks.reload)}>{t('alerts.delete')}</button>
            <Deliveries id={h.id} />
          </li>
        ))}
      </ul>
      <form onSubmit={addWebhook}>
        <label>{t('alerts.webhookUrl')} <input type="url" value={url} required pattern="https://.*" onChange={(e) => setUrl(e.target.value)} /></label>{' '}
        <button type="submit">{t('alerts.addWebhook')}</button>
      </form>
    </section>
  );
}
