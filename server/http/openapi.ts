import { z } from 'zod';
import {
  COMMON_ERRORS,
  errorEnvelopeSchema,
  type DocumentedTable,
  type RouteSpec,
  type RouteUpload,
} from '@shared/contract';
import { CSRF_HEADER } from '@shared/constants';

type JsonSchema = Record<string, unknown>;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // Dates, transforms and the like are described by what travels: a string, a number.
    unrepresentable: 'any',
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/** The `in: path|query` parameters of an object schema. */
function parameters(schema: z.ZodType, where: 'path' | 'query'): JsonSchema[] {
  const converted = jsonSchema(schema, 'input');
  const properties = converted.properties as Record<string, JsonSchema> | undefined;
  if (converted.type !== 'object' || !properties) {
    throw new Error(`the ${where} schema of a route must be an object`);
  }
  const required = new Set((converted.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The request body of an upload: the file itself, in any of its content types. */
function uploadBody(upload: RouteUpload): JsonSchema {
  const file = { schema: { type: 'string', format: 'binary' } };
  return {
    required: true,
    description: `The file itself, at most ${upload.maxBytes} bytes.`,
    content: Object.fromEntries(upload.contentTypes.map((type) => [type, file])),
  };
}

/** An Express path (`/threads/:id`) as OpenAPI writes it (`/threads/{id}`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]\w*)/g, '{$1}');
}

function operation(spec: RouteSpec, tag: string, operationId: string): JsonSchema {
  const status = String(spec.status ?? (spec.response === null ? 204 : 200));
  const success =
    spec.response === null
      ? { description: 'Done; no content.' }
      : {
          description: 'Success.',
          content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
        };
  const codes = [...new Set([...COMMON_ERRORS, ...(spec.errors ?? [])])].sort();
  const errorSchema = {
    allOf: [
      { $ref: '#/components/schemas/ErrorEnvelope' },
      { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } },
    ],
  };
  const params = [
    ...(spec.params ? parameters(spec.params, 'path') : []),
    ...(spec.query ? parameters(spec.query, 'query') : []),
  ];
  const security: JsonSchema[] =
    spec.access === 'public'
      ? [{}, { session: [] }]
      : STATE_CHANGING.has(spec.method)
        ? [{ session: [], csrf: [] }]
        : [{ session: [] }];
  return {
    operationId,
    tags: [tag],
    summary: spec.summary,
    ...(params.length ? { parameters: params } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
          },
        }
      : {}),
    ...(spec.upload ? { requestBody: uploadBody(spec.upload) } : {}),
    responses: {
      [status]: success,
      ...(spec.repeatStatus && spec.response
        ? {
            [String(spec.repeatStatus)]: {
              description: 'The same request was done before: what it made, unchanged.',
              content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
            },
          }
        : {}),
      default: {
        description: 'An error, with a stable code and a message in the request\u2019s language.',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
    security,
    'x-access': spec.access,
    ...(spec.freshProof ? { 'x-fresh-proof': true } : {}),
    ...(spec.publishes ? { 'x-publishes': true } : {}),
    ...(spec.rateLimit ? { 'x-rate-limit': spec.rateLimit } : {}),
    'x-error-codes': codes,
  };
}

/** The OpenAPI 3.1 document of `/api/v1`, generated from the contract tables. */
export function openApiDocument(tables: readonly DocumentedTable[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seen = new Set<string>();
  for (const { tag, table } of tables) {
    for (const [name, spec] of Object.entries(table)) {
      const key = `${spec.method} ${spec.path}`;
      if (seen.has(key)) throw new Error(`route declared twice: ${key}`);
      seen.add(key);
      const path = openApiPath(spec.path);
      paths[path] ??= {};
      paths[path][spec.method.toLowerCase()] = operation(spec, tag, `${tag}.${name}`);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ágora API',
      version,
      description:
        'The API of Ágora, the community forum and peer network of open-government reformers in Latin ' +
        'America and the Caribbean. Sessions are cookies; every state-changing request carries the ' +
        `\`${CSRF_HEADER}\` header with the token from \`GET /api/v1/session\`. Errors answer with an ` +
        'envelope holding a stable code and a message in the request\u2019s language. Lists are ' +
        'cursor-paginated.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/api/v1' }],
    tags: tables.map(({ tag, description }) => ({ name: tag, description })),
    paths,
    components: {
      schemas: { ErrorEnvelope: jsonSchema(errorEnvelopeSchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'agora.sid' },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
    },
  };
}
