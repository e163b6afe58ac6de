/** Lists the filter menus offer (legislatures, sessions, jurisdictions by level), read once from the API. */
import { pickText, type Lang } from './i18n';
import { useApi } from './use-api';
import type { Option } from '../components/Filters';

// One read of every jurisdiction (there are a few dozen) serves all the menus.
const useJurisdictions = () => useApi('/api/v1/jurisdictions', { query: { per_page: 100 } }).data?.results ?? [];

export function useLegislatures(lang: Lang): Option[] {
  return useJurisdictions().filter((j) => j.classification === 'legislature').map((j) => ({ value: j.code, label: pickText(j.name, lang) }));
}

/** Sessions grouped by legislature, newest first. */
export function useSessionGroups(lang: Lang): { label: string; options: Option[] }[] {
  const sessions = useApi('/api/v1/sessions', { query: { per_page: 100 } });
  const legislatures = useJurisdictions().filter((j) => j.classification === 'legislature');
  return legislatures.map((j) => ({
    label: pickText(j.name, lang),
    options: (sessions.data?.results ?? []).filter((s) => s.jurisdiction_id === j.id).reverse().map((s) => ({ value: s.identifier, label: s.identifier })),
  })).filter((g) => g.options.length > 0);
}

/** Every jurisdiction, grouped by level (federal, provincial, municipal). */
export function useJurisdictionGroups(lang: Lang, levelLabel: (level: string) => string): { label: string; options: Option[] }[] {
  const jurisdictions = useJurisdictions();
  const levels = ['federal', 'provincial', 'municipal'];
  return levels.map((level) => ({
    label: levelLabel(level),
    options: jurisdictions.filter((j) => j.level === level)
      .map((j) => ({ value: j.code, label: pickText(j.name, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang)),
  })).filter((g) => g.options.length > 0);
}
