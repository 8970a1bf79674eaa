// Resolves the @ocop/<lib> path aliases of tsconfig.json against the compiled output in dist/,
// so `node -r ./scripts/register-paths.cjs dist/apps/api/src/main.js` runs the built app.
const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

register({ baseUrl: path.join(__dirname, '..', 'dist'), paths: compilerOptions.paths });
