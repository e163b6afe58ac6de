/**
 * What a person does, for a line under their name: their current office, else the
 * last seat they held with its end (a member of a Parliament that has ended, whose
 * successor's members the data does not hold), and the party of either.
 */
import { formatDate } from './format';
import { pickText, type Lang, type Translate } from './i18n';
import type { Person } from './shapes';

export function roleLine(p: Pick<Person, 'current_role' | 'latest_seat'>, t: Translate, lang: Lang): string | null {
  if (p.current_role) return p.current_role.title;
  const seat = p.latest_seat;
  if (!seat) return null;
  return seat.end_date ? t('person.formerSeat', { title: seat.title, end: formatDate(seat.end_date, lang) }) : seat.title;
}

export function partyLine(p: Pick<Person, 'party' | 'current_role' | 'latest_seat'>, lang: Lang): string | null {
  if (p.current_role || p.party) return pickText(p.party, lang) || null;
  return pickText(p.latest_seat?.party, lang) || null;
}
