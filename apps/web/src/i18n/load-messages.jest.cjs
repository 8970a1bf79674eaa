// Jest's stand-in for load-messages.ts (which uses Vite's import.meta.glob): every namespace of every language,
// read synchronously, so components under test render their words on the first render.
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, 'messages');

const INITIAL_NAMESPACES = fs
  .readdirSync(path.join(DIR, 'vi'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

const loadMessages = (language, namespace) =>
  JSON.parse(fs.readFileSync(path.join(DIR, language, `${namespace}.json`), 'utf8'));

module.exports = { INITIAL_NAMESPACES, loadMessages };
