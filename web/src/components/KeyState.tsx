/** An API key's state cell, for its owner and for admins: revoked when, or a button to revoke it; and when it expires. */
import { formatDateTime } from '../lib/format';
import { useLang, useT } from '../lib/i18n';
import type { ApiKey } from '../lib/shapes';

export function KeyState({ apiKey, onRevoke, revokeLabel }: { apiKey: ApiKey; onRevoke: () => void; revokeLabel?: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <td>
      {apiKey.revoked_at ? t('keys.revoked', { date: formatDateTime(apiKey.revoked_at, lang) })
        : <button type="button" aria-label={revokeLabel} onClick={onRevoke}>{t('keys.revoke')}</button>}
      {apiKey.expires_at && !apiKey.revoked_at && <span className="meta"> {t('keys.expiresOn', { date: formatDateTime(apiKey.expires_at, lang) })}</span>}
    </td>
  );
}
