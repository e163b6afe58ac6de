/** Where things live on the site, from the API's ids and URLs. */

/** `/api/v1/bills/ca/45-1/C-12` → `/bills/ca/45-1/C-12`: the site mirrors the API's natural keys. */
export function sitePath(apiUrl: string): string {
  const path = apiUrl.replace(/^\/api\/v1/, '');
  return path.replace(/^\/people\/ocd-person\//, '/people/').replace(/^\/committees\/ocd-organization\//, '/committees/');
}

/** By natural key (/bills/ca/45-1/C-12) or by OCD id (/bills/ocd-bill/<uuid>, where only the id is known). */
export const billApiPath = (params: Record<string, string>) =>
  params.uuid ? '/api/v1/bills/ocd-bill/{uuid}' as const : '/api/v1/bills/{jurisdiction}/{session}/{number}' as const;
export const billKey = (params: Record<string, string>) =>
  params.uuid ? { uuid: params.uuid } : { jurisdiction: params.jurisdiction, session: params.session, number: params.number };

const uuidOf = (id: string) => id.slice(id.indexOf('/') + 1);

export const personPath = (id: string) => `/people/${uuidOf(id)}`;
export const committeePath = (id: string) => `/committees/${uuidOf(id)}`;
export const billPathById = (id: string) => `/bills/ocd-bill/${uuidOf(id)}`;
export const debatePath = (id: string) => `/debates/${id}`;
export const speechPath = (id: string) => `/speeches/${id}`;

/** The same list as CSV, straight from the API: the page's filters without its page number. */
export function csvUrl(apiPath: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query);
  params.delete('page');
  params.set('format', 'csv');
  return `${apiPath}?${params.toString()}`;
}
