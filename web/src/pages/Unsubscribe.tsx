/** The unsubscribe link of an alert mail: asks first (a link scanner's visit changes nothing), then stops the mail without signing in. */
import { useState } from 'react';
import { Heading } from '../components/Heading';
import { useT } from '../lib/i18n';
import type { Params } from '../lib/router';

export default function Unsubscribe({ params }: { params: Params }) {
  const t = useT();
  const [state, setState] = useState<'ask' | 'busy' | 'done' | 'failed'>('ask');
  async function confirm() {
    setState('busy');
    // The same one-click request a mail client sends for List-Unsubscribe-Post (RFC 8058).
    const res = await fetch(`/api/v1/unsubscribe/${encodeURIComponent(params.token ?? '')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    }).catch(() => null);
    setState(res?.ok ? 'done' : 'failed');
  }
  return (
    <>
      <Heading title={t('unsubscribe.title')}>{t('unsubscribe.title')}</Heading>
      {state === 'done' ? <p role="status">{t('unsubscribe.done')}</p> : (
        <p><button type="button" disabled={state === 'busy'} onClick={confirm}>{t('unsubscribe.confirm')}</button></p>
      )}
      {state === 'failed' && <p className="notice error" role="alert">{t('status.notFound')}</p>}
    </>
  );
}
