/** Follow or unfollow a bill or person, with its Atom feed; a visitor is asked to log in to follow. */
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useT } from '../lib/i18n';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import type { SavedItem } from '../lib/shapes';
import { useApi } from '../lib/use-api';
import { Link } from '../lib/router';
import { FeedLink } from './FeedLink';

export function FollowButton({ type, id }: { type: SavedItem['type']; id: string }) {
  const t = useT();
  const { tokens } = useStore(session);
  const saved = useApi(tokens ? '/api/v1/me/saved' : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uuid = id.slice(id.indexOf('/') + 1);
  const feed = <FeedLink href={`/api/v1/feeds/${type === 'bill' ? 'bills' : 'people'}/${uuid}`} title={id} />;
  if (!tokens) return <p className="follow"><Link to="/login">{t('saved.signInToFollow')}</Link> {feed}</p>;
  if (!saved.data) return null;
  const following = saved.data.results.some((s) => s.type === type && s.item_id === id);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/me/saved/{type}/{uuid}', { method: following ? 'delete' : 'put', path: { type, uuid } });
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
      {' '}{feed}
      {error && <span className="notice error" role="alert"> {error}</span>}
    </p>
  );
}
