/** Log in with an email or username; back to the page that asked for it. */
import { field, FormError, useSubmit } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { logIn } from '../../lib/account';
import { useT } from '../../lib/i18n';
import { Link, navigate, useQuery } from '../../lib/router';

export default function Login() {
  const t = useT();
  const query = useQuery();
  // Only a path of this site: never an address elsewhere.
  const next = query.get('next')?.startsWith('/') && !query.get('next')?.startsWith('//') ? query.get('next')! : '/account';
  const { busy, error, onSubmit } = useSubmit((data) => logIn(field(data, 'identifier'), String(data.get('password') ?? '')), () => navigate(next, { replace: true }));
  return (
    <div className="narrow">
      <Heading title={t('login.title')} />
      <form className="stack" onSubmit={onSubmit}>
        <label className="field">
          <span>{t('login.identifier')}</span>
          <input name="identifier" autoComplete="username" required />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
      <p><Link to="/reset-password">{t('login.forgot')}</Link></p>
      <p>{t('login.noAccount')} <Link to="/register">{t('register.title')}</Link></p>
    </div>
  );
}
