// jsdom for the web app's component tests, with the Node 20 globals the real api client needs: jest-environment-jsdom
// hides Node's fetch, Request, Response, Headers (openapi-fetch builds a Request and calls fetch with it) and some
// others jsdom lacks. They are copied from the outer Node global when jsdom has none of its own.
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'ReadableStream',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'AbortController',
  'AbortSignal',
];

class JsdomWithNodeGlobals extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) {
      if (globalThis[name] !== undefined) this.global[name] = globalThis[name];
    }
    // A browser resolves a relative URL ('/api/...') against the page; Node's Request needs an absolute one.
    const NodeRequest = globalThis.Request;
    const page = this.global;
    this.global.Request = class Request extends NodeRequest {
      constructor(input, init) {
        super(
          typeof input === 'string' || input instanceof URL
            ? new URL(String(input), page.location.href)
            : input,
          init,
        );
      }
    };
    // Node's Request checks its signal is one of Node's own AbortSignals: fetch, Request and AbortController must
    // come from the same realm (above). jsdom's crypto may lack randomUUID.
    if (!this.global.crypto || typeof this.global.crypto.randomUUID !== 'function') {
      Object.defineProperty(this.global, 'crypto', { value: globalThis.crypto, configurable: true });
    }
  }
}

module.exports = JsdomWithNodeGlobals;
