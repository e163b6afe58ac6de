/** What I follow: bills and people, with a link to each, how I hear of each (its mail and webhooks, over my alert settings), and a button to unfollow. */
import { ScrollTable } from '../../components/ScrollTable';
import { Pending } from '../../components/Status';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { billPathById, personPath, sitePath } from '../../lib/links';
import { Link } from '../../lib/router';
import type { SavedItem } from '../../lib/shapes';
import { useApi } from '../../lib/use-api';

const EMAIL_CHOICES = ['immediate', 'daily', 'off'] as const;
type EmailChoice = (typeof EMAIL_CHOICES)[number];

const itemPath = (s: SavedItem) => (s.title === null ? (s.type === 'bill' ? billPathById(s.item_id) : personPath(s.item_id)) : sitePath(s.url));

export function Saved() {
  const t = useT();
  const lang = useLang();
  const saved = useApi('/api/v1/me/saved');
  const path = (s: SavedItem) => ({ type: s.type, uuid: s.item_id.slice(s.item_id.indexOf('/') + 1) });
  async function unfollow(s: SavedItem) {
    await api('/api/v1/me/saved/{type}/{uuid}', { method: 'delete', path: path(s) });
    saved.reload();
  }
  async function choose(s: SavedItem, channels: { email?: EmailChoice | null; webhook?: boolean | null }) {
    await api('/api/v1/me/saved/{type}/{uuid}', { method: 'patch', path: path(s), body: channels });
    saved.reload();
  }
  return (
    <section aria-labelledby="saved">
      <h2 id="saved">{t('saved.title')}</h2>
      <p>{t('saved.explain')}</p>
      <Pending {...saved} retry={saved.reload} />
      {saved.data && saved.data.results.length === 0 && <p className="meta">{t('saved.none')}</p>}
      {saved.data && saved.data.results.length > 0 && (
        <ScrollTable label={t('saved.title')}>
          <thead>
            <tr><th scope="col">{t('saved.item')}</th><th scope="col">{t('saved.type')}</th><th scope="col">{t('saved.since')}</th><th scope="col">{t('saved.mail')}</th><th scope="col">{t('saved.webhooks')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr>
          </thead>
          <tbody>
            {saved.data.results.map((s) => (
              <tr key={s.id}>
                <td><Link to={itemPath(s)}>{s.title ?? s.item_id}</Link>{s.title === null && <span className="meta"> {t('saved.gone')}</span>}</td>
                <td>{s.type === 'bill' ? t('saved.bill') : t('saved.person')}</td>
                <td className="nowrap">{formatDateTime(s.created_at, lang)}</td>
                <td>
                  <select aria-label={t('saved.mailFor', { item: s.title ?? s.item_id })} value={s.email ?? ''}
                    onChange={(e) => void choose(s, { email: (e.target.value || null) as EmailChoice | null })}>
                    <option value="">{t('saved.mailDefault')}</option>
                    {EMAIL_CHOICES.map((m) => <option key={m} value={m}>{t(`alerts.email.${m}`)}</option>)}
                  </select>
                </td>
                <td>
                  <select aria-label={t('saved.webhooksFor', { item: s.title ?? s.item_id })} value={s.webhook === false ? 'off' : ''}
                    onChange={(e) => void choose(s, { webhook: e.target.value === 'off' ? false : null })}>
                    <option value="">{t('saved.webhooksOn')}</option>
                    <option value="off">{t('saved.webhooksOff')}</option>
                  </select>
                </td>
                <td><button type="button" onClick={() => unfollow(s)}>{t('saved.unfollow')}</button></td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
