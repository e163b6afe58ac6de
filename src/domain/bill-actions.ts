/**
 * Open Civic Data classes of the steps a federal bill goes through, from the
 * event names LEGISinfo publishes (English, as in `EventNameEn`). `report-stage`
 * and `royal-assent` are Canadian additions to the OCD vocabulary; royal assent
 * also carries the standard `became-law`.
 */
export type BillActionClass =
  | 'introduction'
  | 'reading-1'
  | 'reading-2'
  | 'reading-3'
  | 'referral-committee'
  | 'committee-passage'
  | 'report-stage'
  | 'passage'
  | 'failure'
  | 'amendment-passage'
  | 'royal-assent'
  | 'became-law';

export interface BillEvent {
  /** The event as LEGISinfo names it in English, e.g. "Second reading and referral to committee". */
  name: string;
  /** LEGISinfo's IsDefeatedEvent: the bill was defeated by this event. */
  defeated?: boolean;
}

// First match wins, so the longer names precede the names they begin with.
const RULES: [RegExp, BillActionClass[]][] = [
  [/^bill defeated\b/, ['failure']],
  // Both end a bill's career in the chamber without a vote on it.
  [/^bill not proceeded with$|^dropped from the senate order paper$/, ['failure']],
  [/^introduction and first reading$/, ['introduction', 'reading-1']],
  // A reinstated bill re-enters the new session at the stage it had reached: its introduction there.
  [/^reinstated from previous session$/, ['introduction']],
  [/^first reading$/, ['reading-1']],
  [/^second reading and referral to committee$/, ['reading-2', 'referral-committee']],
  [/^second reading$/, ['reading-2']],
  [/^referral (of subject matter of bill )?to committee|^recommittal of bill to committee adopted$|^pre-study of house bill$/, ['referral-committee']],
  [/^committee report presented\b|^deemed reported\b/, ['committee-passage']],
  [/^concurrence at report stage and second reading$/, ['report-stage', 'reading-2']],
  [/^concurrence at report stage\b|^committee report adopted\b/, ['report-stage']],
  [/^third reading$/, ['reading-3', 'passage']],
  [/^concurrence in (the motion respecting )?(house of commons|senate) amendments$/, ['amendment-passage']],
  [/^royal assent$/, ['royal-assent', 'became-law']],
];

/**
 * The OCD classes of one LEGISinfo event; empty for steps that are not
 * milestones (debate at a reading, messages between the chambers, placement in
 * the order of precedence).
 */
export function classifyBillAction(event: BillEvent): BillActionClass[] {
  const name = event.name.trim().toLowerCase();
  if (event.defeated) return ['failure'];
  for (const [pattern, classes] of RULES) if (pattern.test(name)) return [...classes];
  return [];
}

/** Whether an action at `stage` with these classes is the committee's doing (referral to it, its report, its study). */
export function isCommitteeAction(stage: string | null, classes: readonly BillActionClass[]): boolean {
  if (classes.includes('referral-committee') || classes.includes('committee-passage')) return true;
  return /^consideration in committee$|pre-study/i.test(stage ?? '');
}
