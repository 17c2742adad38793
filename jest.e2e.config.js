/** Browser tests (Playwright + Debian chromium) against the production build in dist/. */
const base = require('./jest.config.js');
module.exports = { ...base, testMatch: ['**/test/e2e/**/*.e2e.ts'], testPathIgnorePatterns: ['/node_modules/'] };
