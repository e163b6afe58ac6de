/** Follow or unfollow a bill or person; shown only to a signed-in user. */
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useT } from '../lib/i18n';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import type { SavedItem } from '../lib/shapes';
import { useApi } from '../lib/use-api';

export function FollowButton({ type, id }: { type: SavedItem['type']; id: string }) {
  const t = useT();
  const { tokens } = useStore(session);
  const saved = useApi(tokens ? '/api/v1/me/saved' : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!tokens || !saved.data) return null;
  const following = saved.data.results.some((s) => s.type === type && s.item_id === id);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/me/saved/{type}/{uuid}', { method: following ? 'delete' : 'put', path: { type, uuid: id.slice(id.indexOf('/') + 1) } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      saved.reload();
    }
  }
  return (
    <p className="follow">
      <button type="button" aria-pressed={following} disabled={busy} onClick={toggle} data-testid="follow-button">
        {following ? t('saved.unfollow') : t('saved.follow')}
      </button>
      {following && <span className="meta"> {t('saved.following')}</span>}
      {error && <span className="notice error" role="alert"> {error}</span>}
    </p>
  );
}
