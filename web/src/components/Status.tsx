/** Loading and error states, worded for people: a 404 says what was not found, a 429 says when to retry. */
import type { ApiError } from '../lib/api';
import { useT } from '../lib/i18n';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('status.loading')}
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: ApiError; retry?: () => void }) {
  const t = useT();
  let message = error.problem.detail ?? error.problem.title;
  if (error.status === 404) message = t('status.notFound');
  if (error.status === 429) message = t('status.rateLimited', { seconds: error.problem.retry_after ?? 60 });
  if (error.status === 0) message = t('status.offline');
  return (
    <div className="notice error" role="alert">
      <p>{message}</p>
      {retry && error.status !== 404 && (
        <button type="button" onClick={retry}>
          {t('status.retry')}
        </button>
      )}
    </div>
  );
}

/** A resource's loading or error state, or null when its data is there. */
export function Pending({ loading, error, retry }: { loading: boolean; error: ApiError | undefined; retry?: () => void }) {
  if (error) return <ErrorNote error={error} retry={retry} />;
  if (loading) return <Loading />;
  return null;
}
