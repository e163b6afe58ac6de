/**
 * Real receivers for alert tests: an SMTP server (smtp-server) that keeps every
 * message it accepts, and an HTTP server that checks each webhook's signature
 * and answers what the test scripts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The body, quoted-printable decoded. */
  text: string;
  header(name: string): string | undefined;
  subject: string;
}

export interface MailReceiver {
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function smtpReceiver(): Promise<MailReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // Headers end at the first blank line; folded lines continue with whitespace.
        const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim();
        const body = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
        const text = /quoted-printable/i.test(header('Content-Transfer-Encoding') ?? '')
          ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
          : body;
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text, header, subject: header('Subject') ?? '' });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  requests: WebhookRequest[];
  /** The status to answer the nth request (0-based) with; a promise holds the answer back. */
  answer: (n: number) => number | Promise<number>;
  close(): Promise<void>;
}

/** Verifies `OpenPolicy-Signature: t=…,v1=…` as a receiver would: HMAC-SHA256 of "<t>.<body>", compared in constant time. */
export function verifySignature(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function webhookReceiver(secret: () => string): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    requests: [],
    answer: () => 200,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = receiver.requests.length;
      const entry: WebhookRequest = { headers: request.headers, body, signatureValid: verifySignature(secret(), request.headers['openpolicy-signature'] as string | undefined, body), answered: 0 };
      receiver.requests.push(entry);
      const status = await receiver.answer(n);
      entry.answered = status;
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

/** Polls until `check` holds; generous, since the machine may be busy. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
