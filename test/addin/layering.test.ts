/**
 * The layering of src/ (docs/ARCHITECTURE.md) is an ESLint rule, and `npm test` runs lint.
 * These cases prove the rule bites: an upward import fails, a downward one passes.
 */
import { ESLint } from 'eslint';
import path from 'path';

const root = path.resolve(__dirname, '../..');
// The config is handed over directly: ESLint's own loader needs dynamic import, which jest lacks.
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require('../../eslint.config.js') });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test.each([
  ['src/calc/probe.ts', "import { evaluateWorkbook } from '../engine/evaluate';\nexport const x = evaluateWorkbook;\n"],
  ['src/core/probe.ts', "import { msg } from '../calc/messages';\nexport const x = msg;\n"],
  ['src/model/probe.ts', "import { catalog } from '../functions/catalog';\nexport const x = catalog;\n"],
  ['src/engine/probe.ts', "import { readWorkbook } from '../io/readWorkbook';\nexport const x = readWorkbook;\n"],
  ['src/io/probe.ts', "import { TEMPLATES } from '../templates/catalog';\nexport const x = TEMPLATES;\n"],
  ['src/templates/probe.ts', "import { MemoryHost } from '../host/memoryHost';\nexport const x = MemoryHost;\n"],
  ['src/taskpane/views/dashboard/probe.ts', "import { winRate } from '../../../calc/winrate';\nexport const x = winRate;\n"],
  ['src/taskpane/probe.ts', "import { winRate } from '../calc/winrate';\nexport const x = winRate;\n"],
  ['src/taskpane/views/dashboard/probe2.ts', "import { x as y } from '../tiering/tieringStrings';\nexport const x = y;\n"],
])('%s: a wrong-direction import is a lint error', async (file, code) => {
  expect(await restricted(file, code)).toHaveLength(1);
});

test.each([
  ['src/engine/probe.ts', "import { winRate } from '../calc/winrate';\nexport const x = winRate;\n"],
  ['src/io/probe.ts', "import { Cell } from '../core/cells';\nexport type X = Cell;\n"],
  [
    'src/taskpane/views/dashboard/probe.ts',
    "import { formatValue } from '../../../core/format';\nexport const x = formatValue;\n",
  ],
  ['src/taskpane/views/dashboard/probe3.ts', "import { x as y } from '../../components/PaneHeader';\nexport const x = y;\n"],
])('%s: a downward import passes', async (file, code) => {
  expect(await restricted(file, code)).toEqual([]);
});
