/**
 * How each party voted in a division: its ballots per option, whether it voted
 * as a bloc, and which members broke with it. Pure, so it reads the same in the
 * API, the web pages and the tests.
 */

export interface Ballot {
  option: string;
  voter_name: string;
  voter_id: string | null;
  party: string | null;
}

export interface PartyVote {
  party: string | null;
  counts: { option: string; value: number }[];
  /** The option most of its yes/no ballots took; null on a split down the middle or with no yes/no ballot. */
  majority: 'yes' | 'no' | null;
  /** Every yes/no ballot the same option; null for groups that are no party (independents, unknown). */
  bloc: boolean | null;
}

export interface Dissent extends Ballot {
  party_majority: 'yes' | 'no';
}

const OPTION_ORDER = ['yes', 'no', 'paired', 'abstain', 'absent'];

// Independents and unresolved members share a label, not a whip: they cannot break ranks.
export function isParty(party: string | null): party is string {
  return party !== null && !/^(ind\.?|independent|indépendante?)$/i.test(party.trim());
}

function byOption(a: string, b: string): number {
  const ia = OPTION_ORDER.indexOf(a);
  const ib = OPTION_ORDER.indexOf(b);
  return (ia < 0 ? OPTION_ORDER.length : ia) - (ib < 0 ? OPTION_ORDER.length : ib) || a.localeCompare(b);
}

/** The split by party and who broke with their party's majority; each dissenter keeps every field of its ballot. */
export function analyseBallots<B extends Ballot>(ballots: B[]): { parties: PartyVote[]; dissenters: (B & Dissent)[] } {
  const groups = new Map<string | null, B[]>();
  for (const ballot of ballots) {
    const group = groups.get(ballot.party);
    if (group) group.push(ballot);
    else groups.set(ballot.party, [ballot]);
  }

  const parties: PartyVote[] = [];
  const dissenters: (B & Dissent)[] = [];
  for (const [party, group] of groups) {
    const tally = new Map<string, number>();
    for (const b of group) tally.set(b.option, (tally.get(b.option) ?? 0) + 1);
    const yes = tally.get('yes') ?? 0;
    const no = tally.get('no') ?? 0;
    const majority = yes > no ? 'yes' : no > yes ? 'no' : null;
    const named = isParty(party);
    parties.push({
      party,
      counts: [...tally.keys()].sort(byOption).map((option) => ({ option, value: tally.get(option)! })),
      majority,
      bloc: named ? yes + no > 0 && (yes === 0 || no === 0) : null,
    });
    if (named && majority) {
      for (const b of group) {
        if ((b.option === 'yes' || b.option === 'no') && b.option !== majority) dissenters.push({ ...b, party_majority: majority });
      }
    }
  }
  // Largest groups first, as a reader scans a division; the name breaks ties so the order is stable.
  parties.sort((a, b) => total(b) - total(a) || (a.party ?? '').localeCompare(b.party ?? ''));
  dissenters.sort((a, b) => (a.party ?? '').localeCompare(b.party ?? '') || a.voter_name.localeCompare(b.voter_name));
  return { parties, dissenters };
}

function total(p: PartyVote): number {
  return p.counts.reduce((sum, c) => sum + c.value, 0);
}
