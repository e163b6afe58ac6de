/**
 * The admin API's enumerations (roles, tiers, audit actions), read from its
 * OpenAPI document rather than copied here, so the console offers exactly what
 * the API accepts.
 */
import { useOpenApiDocument } from '../../lib/use-api';

interface Schema {
  enum?: unknown[];
  properties?: Record<string, Schema>;
}
interface OpenApi {
  paths: Record<string, Record<string, {
    parameters?: { name: string; schema: Schema }[];
    requestBody?: { content: Record<string, { schema: Schema }> };
  }>>;
}

const strings = (schema: Schema | undefined) => (schema?.enum ?? []).filter((v): v is string => typeof v === 'string');

export function useAdminVocabulary() {
  const { data } = useOpenApiDocument<OpenApi>();
  const patch = data?.paths['/api/v1/admin/users/{id}']?.patch?.requestBody?.content['application/json']?.schema;
  const audit = data?.paths['/api/v1/admin/audit']?.get?.parameters;
  return {
    roles: strings(patch?.properties?.role),
    tiers: strings(patch?.properties?.tier),
    auditActions: strings(audit?.find((p) => p.name === 'action')?.schema),
  };
}
