/**
 * Checks requests against Stripe's OpenAPI description (the committed subset in test/stripe/), the way Stripe
 * would: every form parameter must be declared for the operation with a compatible type, and required ones present.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  maxLength?: number;
  $ref?: string;
}

interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiSubset {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A form value as Stripe's client encodes it (`a[b][0]=x`), decoded into nested objects; arrays stay keyed by index. */
export type FormValue = string | { [key: string]: FormValue };

/**
 * Parameters that the current `stripe` client or API version accepts but the 2020-08-27 description lacks, allowed
 * explicitly: "<METHOD> <path template>" -> dotted parameter paths. Keep this list short and say why for each.
 */
export const NEWER_THAN_SPEC: Readonly<Record<string, readonly string[]>> = {
  // automatic_payment_methods[allow_redirects] arrived in API 2022-08 with the Payment Element.
  'POST /v1/payment_intents': ['automatic_payment_methods.allow_redirects'],
};

export function parseForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    const segments = rawKey.split('[').map((s, i) => (i === 0 ? s : s.replace(/\]$/, '')));
    let node: Record<string, FormValue> = root;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== 'object') node[segment] = {};
      node = node[segment] as Record<string, FormValue>;
    });
  }
  return root;
}

export interface MatchedOperation {
  key: string;
  template: string;
  operation: Operation;
  pathParams: Record<string, string>;
}

export function matchOperation(spec: OpenApiSubset, method: string, path: string): MatchedOperation | null {
  const m = method.toLowerCase();
  for (const [template, ops] of Object.entries(spec.paths)) {
    const operation = ops[m];
    if (!operation) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{(\w+)\}/g, (_all, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const found = pattern.exec(path);
    if (!found) continue;
    const pathParams = Object.fromEntries(
      names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]),
    );
    return { key: `${method.toUpperCase()} ${template}`, template, operation, pathParams };
  }
  return null;
}

/** Every problem Stripe would report for this request; empty when it is valid. */
export function validateStripeRequest(
  spec: OpenApiSubset,
  method: string,
  path: string,
  params: Record<string, FormValue>,
): string[] {
  const matched = matchOperation(spec, method, path);
  if (!matched) return [`Unrecognized request URL (${method.toUpperCase()}: ${path})`];
  const problems: string[] = [];
  const allowed = new Set(NEWER_THAN_SPEC[matched.key] ?? []);
  for (const p of matched.operation.parameters.filter((p) => p.in === 'path')) {
    check(spec, matched.pathParams[p.name] ?? '', p.schema, p.name, problems, allowed);
  }
  let schema: JsonSchema;
  if (method.toUpperCase() === 'GET' || method.toUpperCase() === 'DELETE') {
    const query = matched.operation.parameters.filter((p) => p.in === 'query');
    schema = {
      type: 'object',
      properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
      required: query.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
  } else {
    schema = matched.operation.requestBody?.content['application/x-www-form-urlencoded']?.schema ?? {
      type: 'object',
      properties: {},
    };
  }
  check(spec, params, schema, '', problems, allowed);
  return problems;
}

function resolve(spec: OpenApiSubset, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = spec.components.schemas[name];
  if (!target)
    throw new Error(`Schema ${schema.$ref} is missing from the subset: rerun test/stripe/extract-spec.mjs`);
  return resolve(spec, target);
}

function check(
  spec: OpenApiSubset,
  value: FormValue,
  raw: JsonSchema,
  at: string,
  problems: string[],
  allowed: ReadonlySet<string>,
): void {
  const schema = resolve(spec, raw);
  const name = at || 'the request';
  if (schema.anyOf) {
    const options = schema.anyOf.map((option) => {
      const found: string[] = [];
      check(spec, value, option, at, found, allowed);
      return found;
    });
    if (!options.some((found) => found.length === 0)) {
      problems.push(...(options.sort((a, b) => a.length - b.length)[0] ?? [`Invalid ${name}`]));
    }
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`Invalid ${name}: must be one of ${schema.enum.join(', ')}`);
    return;
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`Invalid ${name}: must be a string`);
      else if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        problems.push(`Invalid ${name}: must be at most ${schema.maxLength} characters`);
      }
      return;
    case 'integer':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) problems.push(`Invalid integer: ${name}`);
      return;
    case 'number':
      if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
        problems.push(`Invalid number: ${name}`);
      return;
    case 'boolean':
      if (value !== 'true' && value !== 'false') problems.push(`Invalid boolean: ${name}`);
      return;
    case 'array': {
      if (typeof value !== 'object' || !Object.keys(value).every((k) => /^\d+$/.test(k))) {
        problems.push(`Invalid array: ${name}`);
        return;
      }
      for (const [index, item] of Object.entries(value)) {
        check(spec, item, schema.items ?? {}, `${at}[${index}]`, problems, allowed);
      }
      return;
    }
    case 'object':
    case undefined: {
      if (schema.type === undefined && !schema.properties) return; // unconstrained
      if (typeof value !== 'object') {
        problems.push(`Invalid object: ${name}`);
        return;
      }
      for (const required of schema.required ?? []) {
        if (!(required in value))
          problems.push(`Missing required param: ${at ? `${at}[${required}]` : required}.`);
      }
      for (const [key, child] of Object.entries(value)) {
        const childAt = at ? `${at}[${key}]` : key;
        const dotted = childAt.replace(/\]\[|\[/g, '.').replace(/\]$/, '');
        const declared = schema.properties?.[key];
        if (declared) check(spec, child, declared, childAt, problems, allowed);
        else if (typeof schema.additionalProperties === 'object') {
          check(spec, child, schema.additionalProperties, childAt, problems, allowed);
        } else if (schema.additionalProperties !== true && !allowed.has(dotted)) {
          problems.push(`Received unknown parameter: ${childAt}`);
        }
      }
      return;
    }
    default:
      return;
  }
}
