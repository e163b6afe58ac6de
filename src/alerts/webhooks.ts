/**
 * Webhook delivery: the URL is checked against server-side request forgery
 * before every delivery (a name may resolve elsewhere tomorrow), the request
 * goes to the very address that was checked (no second lookup to rebind), the
 * body is signed, and the answer has a deadline.
 *
 * Signature: `OpenPolicy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`.
 * A receiver recomputes it, compares in constant time, and refuses an old `t`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import { networkMatcher } from '../ops/networks.js';

/** Never a destination: loopback, private, link-local, shared (CGNAT), unspecified, multicast and reserved ranges. */
const FORBIDDEN = [
  'loopback', 'linklocal', 'uniquelocal',
  '0.0.0.0/8', '100.64.0.0/10', '192.0.0.0/24', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', 'ff00::/8', '64:ff9b::/96', '2001:db8::/32',
];

export interface WebhookPolicy {
  /** Tests only: allow http:// and private, loopback and own addresses (WEBHOOKS_ALLOW_PRIVATE=on). */
  allowPrivate: boolean;
  /** The platform's own networks (INTERNAL_NETWORKS), refused as well. */
  ownNetworks: readonly string[];
}

export class WebhookRefused extends Error {}

/** The addresses of this machine's interfaces: the platform itself is never a webhook. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.split('%')[0]!));
}

/** The address to send to, after checking the URL and every address its host resolves to. */
export async function checkWebhookUrl(raw: string, policy: WebhookPolicy): Promise<{ url: URL; address: string; family: number }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookRefused(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) throw new WebhookRefused('a webhook URL must be https://');
  if (url.username || url.password) throw new WebhookRefused('a webhook URL carries no credentials; the signature authenticates us');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => {
    throw new WebhookRefused(`${host} does not resolve`);
  });
  if (addresses.length === 0) throw new WebhookRefused(`${host} does not resolve`);
  if (!policy.allowPrivate) {
    const refused = networkMatcher([...FORBIDDEN, ...policy.ownNetworks, ...ownAddresses()]);
    const bad = addresses.find((a) => refused(a.address));
    if (bad) throw new WebhookRefused(`${host} resolves to ${bad.address}, a loopback, private, link-local or own address`);
  }
  return { url, ...addresses[0]! };
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface DeliveryResult {
  status: number;
  latencyMs: number;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** POSTs the signed body; resolves with the status whatever it is, rejects on a network error or after `timeoutMs`. */
export async function postSigned(target: { url: URL; address: string; family: number }, body: string, secret: string, headers: Record<string, string>, timeoutMs: number): Promise<DeliveryResult> {
  const started = performance.now();
  const timestamp = Math.floor(Date.now() / 1000);
  // The connection goes to the checked address; the name stays for Host and TLS.
  const pinned: LookupFunction = (_host, options, done) => {
    if ((options as { all?: boolean }).all) (done as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else done(null, target.address, target.family);
  };
  const secure = target.url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(target.url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      lookup: pinned,
      timeout: timeoutMs,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'OpenPolicy-Webhooks/1',
        'openpolicy-signature': signature(secret, timestamp, body),
        ...headers,
      },
    }, (response) => {
      // The answer's body is not ours to read; drain it so the connection is reused.
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, latencyMs: Math.round(performance.now() - started) }));
      response.on('error', reject);
    });
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
