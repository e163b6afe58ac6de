/** The staff console's front page: what this role may open. */
import { Heading } from '../../components/Heading';
import { RequireRole } from '../../components/RequireRole';
import { useT } from '../../lib/i18n';
import { Link } from '../../lib/router';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';

export default function AdminHome() {
  const t = useT();
  const { user } = useStore(session);
  const admin = user?.role === 'admin';
  return (
    <RequireRole roles={['admin', 'editor']}>
      <Heading title={t('admin.title')} />
      <ul className="cards">
        {admin && <li><Link to="/admin/users">{t('admin.users')}</Link><p className="meta">{t('admin.usersHelp')}</p></li>}
        {admin && <li><Link to="/admin/keys">{t('admin.keys')}</Link><p className="meta">{t('admin.keysHelp')}</p></li>}
        <li><Link to="/admin/imports">{t('admin.imports')}</Link><p className="meta">{t('admin.importsHelp')}</p></li>
        <li><Link to="/admin/fetch">{t('admin.fetch')}</Link><p className="meta">{t('admin.fetchHelp')}</p></li>
        {admin && <li><Link to="/admin/audit">{t('admin.audit')}</Link><p className="meta">{t('admin.auditHelp')}</p></li>}
        {admin && <li><Link to="/admin/outbox">{t('admin.outbox')}</Link><p className="meta">{t('admin.outboxHelp')}</p></li>}
        {admin && <li><Link to="/admin/performance">{t('admin.performance')}</Link><p className="meta">{t('admin.performanceHelp')}</p></li>}
      </ul>
    </RequireRole>
  );
}
