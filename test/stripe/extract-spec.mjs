// Extracts from Stripe's published OpenAPI description (API 2020-08-27, /work/shared/stripe or ../shared/stripe in CI)
// just the operations the payments context calls, with the component schemas their parameters and request bodies
// reference, into stripe-openapi-subset.json beside this script. The Stripe stub in libs/testing validates every
// request it receives against that subset, so the subset is committed and the 4 MB spec is not needed to run tests.
// Responses are left out (they pull in most of the spec); the stub builds Stripe-shaped objects itself.
//
//   node test/stripe/extract-spec.mjs [path/to/openapi-spec3.json]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.argv[2] ?? path.resolve(here, '../../../shared/stripe/openapi-spec3.json');

/** path -> methods we use (or that the stub serves). */
const OPERATIONS = {
  '/v1/payment_intents': ['post'],
  '/v1/payment_intents/{intent}': ['get', 'post'],
  '/v1/payment_intents/{intent}/cancel': ['post'],
  '/v1/refunds': ['post'],
  '/v1/refunds/{refund}': ['get'],
  '/v1/events/{id}': ['get'],
};

const spec = JSON.parse(readFileSync(source, 'utf8'));
const components = {};

function collectRefs(node) {
  if (Array.isArray(node)) return node.forEach(collectRefs);
  if (!node || typeof node !== 'object') return;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (!components[name]) {
      components[name] = spec.components.schemas[name];
      collectRefs(components[name]);
    }
  }
  for (const value of Object.values(node)) collectRefs(value);
}

const paths = {};
for (const [p, methods] of Object.entries(OPERATIONS)) {
  for (const method of methods) {
    const op = spec.paths[p]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${p} is not in ${source}`);
    const kept = {
      operationId: op.operationId,
      parameters: op.parameters ?? [],
      requestBody: op.requestBody,
    };
    collectRefs(kept);
    paths[p] = { ...paths[p], [method]: kept };
  }
}

const subset = {
  openapi: spec.openapi,
  info: {
    ...spec.info,
    description: `Subset of Stripe's OpenAPI description extracted by test/stripe/extract-spec.mjs`,
  },
  paths,
  components: { schemas: components },
};
const target = path.join(here, 'stripe-openapi-subset.json');
// Descriptions are prose for humans; dropping them keeps the committed file small and reviewable.
const withoutProse = (key, value) => (key === 'description' && typeof value === 'string' ? undefined : value);
// Formatted as the repo's prettier config wants, so that `npm run format:check` stays green after a re-extraction.
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(
  target,
  await prettier.format(JSON.stringify(subset, withoutProse), { ...options, filepath: target }),
);
console.log(`${Object.keys(paths).length} paths, ${Object.keys(components).length} schemas -> ${target}`);
