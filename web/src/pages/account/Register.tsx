/** Create an account (every account starts as a user), then sign in with it. */
import { field, FormError, useSubmit } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { register } from '../../lib/account';
import { useT } from '../../lib/i18n';
import { Link, navigate } from '../../lib/router';

export default function Register() {
  const t = useT();
  const { busy, error, onSubmit } = useSubmit((data) => register({
    email: field(data, 'email'),
    password: String(data.get('password') ?? ''),
    ...(field(data, 'username') ? { username: field(data, 'username') } : {}),
    ...(field(data, 'name') ? { name: field(data, 'name') } : {}),
  }), () => navigate('/account', { replace: true }));
  return (
    <div className="narrow">
      <Heading title={t('register.title')} />
      <form className="stack" onSubmit={onSubmit}>
        <label className="field">
          <span>{t('register.email')}</span>
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label className="field">
          <span>{t('register.username')} <span className="meta">({t('common.optional')})</span></span>
          <input name="username" autoComplete="username" pattern="[A-Za-z0-9_.\-]{3,32}" aria-describedby="username-hint" />
          <small id="username-hint">{t('register.usernameHint')}</small>
        </label>
        <label className="field">
          <span>{t('register.name')} <span className="meta">({t('common.optional')})</span></span>
          <input name="name" autoComplete="name" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="new-password" minLength={12} required aria-describedby="password-hint" />
          <small id="password-hint">{t('register.passwordHint')}</small>
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>{t('register.submit')}</button>
      </form>
      <p>{t('register.haveAccount')} <Link to="/login">{t('login.title')}</Link></p>
    </div>
  );
}
