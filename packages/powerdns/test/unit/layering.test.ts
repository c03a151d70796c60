import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Import direction (docs/architecture.md): the simulator imports nothing outside src/simulator
// but core; client/options/wire/errors never import the driver or a resource module.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('layering', () => {
  it('keeps the simulator on its own model', () => {
    const dir = path.join(src, 'simulator');
    for (const f of readdirSync(dir)) {
      for (const spec of importsOf(path.join(dir, f))) {
        const ok = spec.startsWith('./') || spec.startsWith('node:') || spec.startsWith('@cloudmux/core');
        if (!ok) throw new Error(`simulator/${f} imports ${spec}`);
      }
    }
  });

  it('keeps the low layers free of the driver and resource modules', () => {
    for (const f of ['client.ts', 'options.ts', 'wire.ts', 'errors.ts', 'names.ts', 'record-id.ts', 'to-record.ts', 'to-zone.ts']) {
      const bad = importsOf(path.join(src, 'pdns', f)).filter((s) => /\.\/(driver|zones|records|transfer|context)\.js$/.test(s));
      expect([f, bad]).toEqual([f, []]);
    }
  });
});
