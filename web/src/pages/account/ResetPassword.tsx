/**
 * Password reset in two steps: ask for a token by mail (the answer is the same
 * whether or not the address has an account), then set a new password with it.
 */
import { useState } from 'react';
import { field, FormError, useSubmit } from '../../components/Form';
import { Heading } from '../../components/Heading';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { Link, useQuery } from '../../lib/router';

export default function ResetPassword() {
  const t = useT();
  const query = useQuery();
  const [requested, setRequested] = useState(false);
  const [done, setDone] = useState(false);
  const request = useSubmit((data) => api('/api/v1/auth/password-reset', { method: 'post', body: { email: field(data, 'email') } }), () => setRequested(true));
  const confirm = useSubmit(
    (data) => api('/api/v1/auth/password-reset/confirm', { method: 'post', body: { token: field(data, 'token'), password: String(data.get('password') ?? '') } }),
    () => setDone(true),
  );
  if (done) {
    return (
      <div className="narrow">
        <Heading title={t('reset.title')} />
        <p className="notice success" role="status">{t('reset.done')}</p>
        <p><Link to="/login">{t('login.title')}</Link></p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <Heading title={t('reset.title')} />
      <h2>{t('reset.step1')}</h2>
      <form className="stack" onSubmit={request.onSubmit}>
        <label className="field">
          <span>{t('register.email')}</span>
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <FormError error={request.error} />
        {requested && <p className="notice success" role="status">{t('reset.sent')}</p>}
        <button type="submit" disabled={request.busy}>{t('reset.send')}</button>
      </form>
      <h2>{t('reset.step2')}</h2>
      <form className="stack" onSubmit={confirm.onSubmit}>
        <label className="field">
          <span>{t('reset.token')}</span>
          <input name="token" defaultValue={query.get('token') ?? ''} autoComplete="one-time-code" required />
        </label>
        <label className="field">
          <span>{t('reset.newPassword')}</span>
          <input name="password" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <FormError error={confirm.error} />
        <button type="submit" disabled={confirm.busy}>{t('reset.confirm')}</button>
      </form>
    </div>
  );
}
