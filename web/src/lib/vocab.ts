/**
 * LEGISinfo's own vocabularies, which the bills API filters on by their
 * published (English) value: bill types and statuses, with their French
 * wording as LEGISinfo publishes it, for the filter menus.
 */
import type { Bilingual } from './shapes';

export const BILL_TYPES: (Bilingual & { en: string })[] = [
  { en: 'House Government Bill', fr: 'Projet de loi émanant du gouvernement (Chambre des communes)' },
  { en: "Private Member's Bill", fr: "Projet de loi émanant d'un député" },
  { en: 'Senate Government Bill', fr: 'Projet de loi émanant du gouvernement (Sénat)' },
  { en: 'Senate Public Bill', fr: "Projet de loi d'intérêt public du Sénat" },
  { en: 'Senate Private Bill', fr: "Projet de loi d'intérêt privé du Sénat" },
];

export const BILL_STATUSES: (Bilingual & { en: string })[] = [
  { en: 'Royal assent received', fr: 'Sanction royale reçue' },
  { en: 'At second reading in the House of Commons', fr: 'À la deuxième lecture à la Chambre des communes' },
  { en: 'At consideration in committee in the House of Commons', fr: "À l'examen en comité à la Chambre des communes" },
  { en: 'At report stage in the House of Commons', fr: "À l'étape du rapport à la Chambre des communes" },
  { en: 'At third reading in the House of Commons', fr: "À l'étape de la troisième lecture à la Chambre des communes" },
  { en: 'At second reading in the Senate', fr: 'À la deuxième lecture au Sénat' },
  { en: 'At consideration in committee in the Senate', fr: "À l'examen en comité au Sénat" },
  { en: 'At report stage in the Senate', fr: "À l'étape du rapport au Sénat" },
  { en: 'At third reading in the Senate', fr: 'À la troisième lecture au Sénat' },
  { en: 'Outside the Order of Precedence', fr: "Ne fait pas partie de l'Ordre de priorité" },
  { en: 'Bill defeated', fr: 'Projet de loi rejeté' },
  { en: 'Bill not proceeded with', fr: 'Projet de loi abandonné' },
];
