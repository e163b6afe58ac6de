/**
 * Alert mail: one event at once, or a day's events as a digest. Every mail
 * carries its one-click unsubscribe (RFC 8058): a `List-Unsubscribe` URL that a
 * mail client POSTs to with `List-Unsubscribe=One-Click`, and a link in the text
 * to a page that asks before it unsubscribes (a link scanner's GET changes
 * nothing).
 */
import type { Mail } from '../auth/mailer.js';

export interface EventForMail {
  id: string;
  title: string;
  summary: string;
  data: Record<string, unknown>;
  url: string;
  /** How each person the reader follows voted, when the event is a division. */
  ballots?: Ballot[];
}

export interface Ballot {
  name: string;
  /** As stored: yes, no, paired, abstain, absent. */
  option: string;
}

const VOTED: Record<string, string> = { yes: 'voted Yea', no: 'voted Nay', paired: 'voted Paired', abstain: 'abstained', absent: 'was absent' };

/** "Gary Anandasangaree voted Nay", one line per followed person who voted. */
const ballotLines = (e: EventForMail) => (e.ballots ?? []).map((b) => `${b.name} ${VOTED[b.option] ?? `voted ${b.option}`}`);

const webLink = (publicUrl: string, e: EventForMail) => `${publicUrl}${typeof e.data.web === 'string' ? e.data.web : e.url}`;

function unsubscribe(publicUrl: string, token: string): { headers: Record<string, string>; footer: string } {
  return {
    headers: {
      'List-Unsubscribe': `<${publicUrl}/api/v1/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    footer: `\n--\nYou get this because you follow it on OpenPolicy. Stop these mails: ${publicUrl}/unsubscribe/${token}\n`
      + `Choose immediate mail, a daily digest, feeds or webhooks: ${publicUrl}/account\n`,
  };
}

export function eventMail(to: string, event: EventForMail, publicUrl: string, unsubscribeToken: string): Mail {
  const { headers, footer } = unsubscribe(publicUrl, unsubscribeToken);
  const ballots = ballotLines(event);
  return {
    to,
    // One followed person's ballot is the news; several are listed first in the text.
    subject: ballots.length === 1 ? `${ballots[0]}: ${event.title}` : event.title,
    text: `${ballots.map((b) => `${b}.\n`).join('')}${ballots.length ? '\n' : ''}${event.title}\n\n${event.summary}\n\n${webLink(publicUrl, event)}\n${footer}`,
    headers: { ...headers, 'X-OpenPolicy-Event': event.id },
  };
}

export function digestMail(to: string, day: string, events: EventForMail[], publicUrl: string, unsubscribeToken: string): Mail {
  const { headers, footer } = unsubscribe(publicUrl, unsubscribeToken);
  const items = events.map((e) => `* ${e.title}\n${ballotLines(e).map((b) => `  ${b}.\n`).join('')}  ${e.summary}\n  ${webLink(publicUrl, e)}`).join('\n\n');
  return {
    to,
    subject: `OpenPolicy digest for ${day}: ${events.length} update${events.length === 1 ? '' : 's'}`,
    text: `What happened on ${day} in what you follow:\n\n${items}\n${footer}`,
    headers,
  };
}
