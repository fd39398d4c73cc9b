import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// The very rules the project's eslint.config.js enforces, not a copy of them.
import { layerRules } from '../../../eslint.config.js';

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...Object.values(layerRules).map(({ files, paths, patterns }) => ({
      files,
      rules: { 'no-restricted-imports': ['error', { paths, patterns }] as ['error', unknown] },
    })),
  ],
});

async function violations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  const forbidden: [string, string, RegExp][] = [
    ['native/adb/shell.ts', "import { app } from 'electron';", /Only electron\/main and electron\/preload/],
    [
      'native/adb/shell.ts',
      "import { createCore } from '../../electron/core/core.ts';",
      /native\/ never imports/,
    ],
    ['electron/core/devices/manager.ts', "import { BrowserWindow } from 'electron';", /Only electron\/main/],
    [
      'electron/core/devices/manager.ts',
      "import { App } from '../../../renderer/app/App.tsx';",
      /plain Node/,
    ],
    ['electron/common/contract/x.ts', "import { readFileSync } from 'node:fs';", /pure TypeScript/],
    [
      'electron/common/contract/x.ts',
      "import { createCore } from '../../core/core.ts';",
      /imports nothing from the rest/,
    ],
    [
      'renderer/features/bench/Bench.tsx',
      "import { openDatabase } from '../../../electron/core/store/db.ts';",
      /only electron\/common/,
    ],
    ['renderer/features/bench/Bench.tsx', "import { ipcRenderer } from 'electron';", /Only electron\/main/],
    ['renderer/api/client.ts', "import { createHash } from 'node:crypto';", /sandboxed/],
  ];
  for (const [file, source, message] of forbidden) {
    it(`rejects in ${file}: ${source}`, async () => {
      const found = await violations(file, source);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
    });
  }

  const allowed: [string, string][] = [
    ['renderer/api/client.ts', "import { requests } from '../../electron/common/contract/index.ts';"],
    ['electron/main/window.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/preload/preload.ts', "import { contextBridge } from 'electron';"],
    ['electron/core/core.ts', "import { openDatabase } from './store/db.ts';"],
    ['native/adb/shell.ts', "import { createHash } from 'node:crypto';"],
  ];
  for (const [file, source] of allowed) {
    it(`allows in ${file}: ${source}`, async () => {
      expect(await violations(file, source)).toEqual([]);
    });
  }
});
