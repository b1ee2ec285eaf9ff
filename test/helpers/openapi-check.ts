import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { API_TABLES } from '@shared/api';
import { openApiDocument } from '@server/http/openapi';

/**
 * Every API test's answers are checked against the OpenAPI document the server publishes (built here by
 * the same function from the same tables): a JSON answer of a documented route must match the schema of
 * its status, and an error must carry one of the codes the route declares. So the document cannot drift
 * from what the server does without some test failing.
 */

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: object } } }>;
}

interface Matcher {
  method: string;
  pattern: RegExp;
  operationId: string;
  validators: Map<string, ValidateFunction>;
}

const document = openApiDocument(API_TABLES, 'v1') as {
  paths: Record<string, Record<string, Operation & { operationId: string }>>;
  components: { schemas: Record<string, object> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** A schema with the document's component references written out (each is compiled on its own). */
const inlined = (schema: object): object =>
  JSON.parse(
    JSON.stringify(schema).replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (_match, name: string) => {
      const component = document.components.schemas[name];
      if (!component) throw new Error(`the document has no component ${name}`);
      return JSON.stringify(component);
    }),
  ) as object;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Literal paths first, so that `/threads/featured` is matched before `/threads/{id}`.
const matchers: Matcher[] = Object.entries(document.paths)
  .flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      params: (path.match(/\{/g) ?? []).length,
      pattern: new RegExp(
        `^${path
          .split(/\{[^}]+\}/)
          .map(escape)
          .join('[^/]+')}$`,
      ),
      operationId: operation.operationId,
      validators: new Map(
        Object.entries(operation.responses).flatMap(([status, response]) => {
          const schema = response.content?.['application/json']?.schema;
          return schema ? [[status, ajv.compile(inlined(schema))] as const] : [];
        }),
      ),
    })),
  )
  .sort((a, b) => a.params - b.params);

/** What a response to check carries. */
export interface CheckedResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/**
 * Checks one answer against the document; returns an Error describing the mismatch, or undefined when
 * it matches or when the route is not in the document (pages, assets, the OIDC redirects).
 */
export function checkAgainstDocument(method: string, url: string, res: CheckedResponse): Error | undefined {
  const { pathname } = new URL(url, 'http://localhost');
  if (!pathname.startsWith('/api/v1/')) return undefined;
  const path = pathname.slice('/api/v1'.length);
  const matcher = matchers.find((m) => m.method === method.toUpperCase() && m.pattern.test(path));
  if (!matcher) return undefined;
  const isJson = (res.headers['content-type'] ?? '').includes('application/json');
  const validator = matcher.validators.get(String(res.status)) ?? matcher.validators.get('default');
  if (!validator) {
    if (res.status >= 400 || !isJson) return undefined;
    return new Error(`${matcher.operationId} answered ${res.status}, which the document does not list`);
  }
  if (!isJson) {
    if (res.status >= 400 && res.status !== 404 && res.status !== 405) {
      return new Error(`${matcher.operationId} answered ${res.status} without the JSON error envelope`);
    }
    return undefined;
  }
  if (validator(res.body)) return undefined;
  const problems = (validator.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  return new Error(
    `${method.toUpperCase()} ${path} (${matcher.operationId}) answered ${res.status} outside the OpenAPI document:\n  ${problems.join('\n  ')}`,
  );
}
