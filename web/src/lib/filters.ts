/** A list page's filters: query parameters of its API list, named as the contract names them, kept in the page's URL. */
import type { paths, QueryParameters } from './contract';

/** A query parameter of the list at `P`: a filter name the API does not take does not compile. */
export type FilterName<P extends keyof paths> = keyof QueryParameters<P> & string;

/** The filters the page's URL sets, by name (empty ones left out). */
export function filtersFrom<K extends string>(query: URLSearchParams, names: readonly K[]): Partial<Record<K, string>> {
  return Object.fromEntries(names.map((name) => [name, query.get(name) ?? '']).filter(([, value]) => value)) as Partial<Record<K, string>>;
}
