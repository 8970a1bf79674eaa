// The import boundaries of DESIGN.md, enforced by lint:
// - a lib may import only the libs below it in the dependency graph (no upward or sideways imports);
// - imports of another lib go through its alias `@ocop/<lib>` (its public index), never a deep path;
// - a relative import never leaves the lib or app it is written in;
// - production code never imports @ocop/testing; only tests do.
import path from 'node:path';

const BASE = ['kernel'];
const INFRA = ['kernel', 'config', 'db', 'queue', 'auth'];
/** The shared HTTP edge kit (error filter, pipes, common DTOs): below every context, above the infrastructure. */
const EDGE = [...INFRA, 'http'];

/** lib -> the libs it may import. */
export const ALLOWED = {
  kernel: [],
  config: ['kernel'],
  db: ['kernel', 'config'],
  // queue may import db for one thing only: the outbox relay (libs/queue/src/outbox-relay) sits between the outbox
  // table (db) and BullMQ (queue). db stays free of BullMQ; db never imports queue, so the graph stays acyclic.
  queue: ['kernel', 'config', 'db'],
  auth: ['kernel', 'config', 'db', 'queue'],
  http: [...INFRA],
  realtime: [...INFRA],
  // assets sit low (DESIGN.md): contexts call them, they call no context.
  assets: [...EDGE],
  // identity may use realtime for one thing: a revocation disconnects the user's sockets (`user:{id}` room).
  identity: [...EDGE, 'realtime'],
  catalogue: [...EDGE, 'identity', 'assets'],
  live: [...EDGE, 'realtime', 'identity', 'catalogue', 'assets'],
  chat: [...EDGE, 'realtime', 'identity', 'catalogue', 'live'],
  payments: [...EDGE],
  orders: [...EDGE, 'realtime', 'identity', 'catalogue', 'live', 'payments', 'assets'],
  attribution: [...EDGE, 'realtime', 'identity', 'catalogue', 'live', 'orders'],
  // settlement (what each producer is owed) reads orders' events and facades, and payments' refunds; nothing imports it.
  settlement: [...EDGE, 'identity', 'catalogue', 'payments', 'orders'],
  // campaigns reads catalogue, live, identity and attribution (DESIGN.md); nothing imports it.
  campaigns: [...EDGE, 'realtime', 'identity', 'catalogue', 'live', 'attribution'],
  testing: [
    'kernel',
    'config',
    'db',
    'queue',
    'auth',
    'http',
    'realtime',
    'assets',
    'identity',
    'catalogue',
    'live',
    'chat',
    'payments',
    'orders',
    'attribution',
    'settlement',
    'campaigns',
  ],
};
void BASE;

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

function unitOf(file, root) {
  const rel = path.relative(root, file).split(path.sep);
  if ((rel[0] === 'libs' || rel[0] === 'apps') && rel.length > 2) return { kind: rel[0], name: rel[1] };
  return { kind: rel[0], name: rel[0] };
}

export const boundariesPlugin = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          deep: "Import '{{spec}}' reaches inside a lib: use '@ocop/{{lib}}' (its public index) instead.",
          unknown: "'{{spec}}' is not a lib of this repo.",
          upward: "lib '{{from}}' may not import '@ocop/{{to}}' (see the dependency graph in DESIGN.md).",
          testing: "Production code may not import '@ocop/testing'; only tests may.",
          escape:
            "Relative import '{{spec}}' leaves {{unit}}: import the other lib through its '@ocop/...' alias.",
          apps: "A lib may not import from an app ('{{spec}}').",
        },
      },
      create(context) {
        const file = context.filename;
        const root = context.cwd;
        const unit = unitOf(file, root);
        const isTest = TEST_FILE.test(file);
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          const alias = /^@ocop\/([^/]+)(\/.*)?$/.exec(spec);
          if (alias) {
            const [, lib, rest] = alias;
            if (rest) return context.report({ node, messageId: 'deep', data: { spec, lib } });
            if (!(lib in ALLOWED)) return context.report({ node, messageId: 'unknown', data: { spec } });
            if (lib === 'testing' && !isTest && unit.name !== 'testing' && unit.kind !== 'test') {
              return context.report({ node, messageId: 'testing' });
            }
            if (unit.kind === 'libs' && lib !== unit.name && lib !== 'testing') {
              const allowed = ALLOWED[unit.name] ?? [];
              if (!allowed.includes(lib)) {
                return context.report({ node, messageId: 'upward', data: { from: unit.name, to: lib } });
              }
            }
            return;
          }
          if (spec.startsWith('.')) {
            const target = path.resolve(path.dirname(file), spec);
            const targetUnit = unitOf(target, root);
            if (unit.kind === 'libs' || unit.kind === 'apps') {
              if (targetUnit.kind !== unit.kind || targetUnit.name !== unit.name) {
                if (unit.kind === 'libs' && targetUnit.kind === 'apps') {
                  return context.report({ node, messageId: 'apps', data: { spec } });
                }
                // Jest's globalSetup is loaded without path aliases, so it may reach the migrations directly.
                if (unit.name === 'testing' && /global-(setup|teardown)\.ts$/.test(file)) return;
                return context.report({
                  node,
                  messageId: 'escape',
                  data: { spec, unit: `${unit.kind}/${unit.name}` },
                });
              }
            }
          }
        }
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
