// The layer rule of DESIGN.md is enforced by ESLint. These tests lint small files that break it
// (and one that keeps it) at the paths where they would live, to prove the rule really fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the layer rule (DESIGN.md, "Layers")', () => {
  it('rejects a UI library imported by the engine', async () => {
    const ids = await ruleIdsFor(
      'src/engine/broken-layer.ts',
      "import { create } from 'zustand';\nexport const store = create(() => ({}));\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('rejects the engine reaching up into the simulator', async () => {
    const ids = await ruleIdsFor(
      'src/engine/broken-layer.ts',
      "import { x } from '../sim/world';\nexport const y = x;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('rejects a clock and a global random number in the simulator', async () => {
    const ids = await ruleIdsFor(
      'src/sim/broken-purity.ts',
      'export const now = Date.now();\nexport const r = Math.random();\nsetTimeout(() => 0, 1);\n',
    );
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
    expect(ids).toContain('no-restricted-properties');
  });

  it('rejects the DOM in the engine', async () => {
    const ids = await ruleIdsFor(
      'src/engine/broken-dom.ts',
      'export const w = window.innerWidth;\n',
    );
    expect(ids).toContain('no-restricted-globals');
  });

  it('rejects the UI importing the app wiring', async () => {
    const ids = await ruleIdsFor(
      'src/ui/BrokenLayer.tsx',
      "import { App } from '../app/App';\nexport const A = App;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('keeps lessons below the store: pure, and reaching only the engine and the simulator', async () => {
    const ids = await ruleIdsFor(
      'src/lessons/broken-layer.ts',
      "import { useLab } from '../store';\nexport const u = useLab;\nexport const r = Math.random();\n",
    );
    expect(ids).toContain('no-restricted-imports');
    expect(ids).toContain('no-restricted-properties');
    expect(
      await ruleIdsFor(
        'src/lessons/fine-layer.ts',
        "import type { Trace } from '../sim/trace';\nexport const none: Trace = [];\n",
      ),
    ).toEqual([]);
  });

  it('accepts the simulator importing the engine', async () => {
    const ids = await ruleIdsFor(
      'src/sim/fine-layer.ts',
      "import type { Seq } from '../engine';\nexport const zero = 0 as Seq;\n",
    );
    expect(ids).toEqual([]);
  });
});
