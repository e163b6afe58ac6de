/** Pages for signed-in users (or staff): others are sent to the login page, which brings them back. */
import { useEffect, type ReactNode } from 'react';
import { useT } from '../lib/i18n';
import { navigate, useLocation } from '../lib/router';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import type { Role } from '../lib/shapes';
import { Loading } from './Status';

export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const { tokens, user } = useStore(session);
  useEffect(() => {
    if (!tokens) navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }, [tokens, pathname, search]);
  if (!tokens) return null;
  if (!user) return <Loading />;
  if (roles && !roles.includes(user.role)) return <p className="notice error" role="alert">{t('account.forbidden')}</p>;
  return <>{children}</>;
}
