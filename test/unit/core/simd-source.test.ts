import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { layoutProblems, SIMD_LAYOUT, type SimdLayout } from '../../../src/core/wasm/layout.ts';
import { simdSource } from '../../../src/core/wasm/simd-source.ts';

const committed = readFileSync(new URL('../../../src/core/wasm/kernel.wat', import.meta.url), 'utf8');

/** SIMD_LAYOUT with some record fields moved. */
function withRecordFields(fields: Partial<SimdLayout['records']['fields']>): SimdLayout {
  return { ...SIMD_LAYOUT, records: { ...SIMD_LAYOUT.records, fields: { ...SIMD_LAYOUT.records.fields, ...fields } } };
}

test('the committed kernel.wat is what the generator makes of the layout table', () => {
  // assert.equal would print both 700-line texts; the first differing line says enough.
  const generated = simdSource(SIMD_LAYOUT);
  const a = committed.split('\n');
  const b = generated.split('\n');
  const differs = a.findIndex((text, i) => text !== b[i]);
  const line = differs === -1 ? a.length : differs;
  assert.ok(
    committed === generated,
    `src/core/wasm/kernel.wat is not the output of simdSource(SIMD_LAYOUT) (first difference at line ${line + 1}); ` +
      'run `npm run gen:wasm` to regenerate it, and commit it',
  );
});

test('the simd layout table is sound: fields distinct, aligned and inside their blocks, rows of whole v128s', () => {
  assert.deepEqual(layoutProblems(SIMD_LAYOUT), []);
});

test('a layout whose fields overlap or stick out of their record is reported, and the generator refuses it', () => {
  assert.match(layoutProblems(withRecordFields({ dz: 28 })).join('\n'), /records has two fields at one offset/);
  assert.match(layoutProblems(withRecordFields({ dz: 46 })).join('\n'), /records\.dz at 46/);
  assert.match(layoutProblems({ ...SIMD_LAYOUT, samples: 5 }).join('\n'), /samples/);
  assert.match(layoutProblems({ ...SIMD_LAYOUT, rowBytes: 3072 }).join('\n'), /rowBytes/);
  assert.throws(() => simdSource(withRecordFields({ dz: 28 })), /unusable simd layout: records has two fields at one offset/);
});

test('the addresses in the text come from the table: moving a field moves every load of it', () => {
  const act = SIMD_LAYOUT.records.fields.act;
  const moved = simdSource(withRecordFields({ act: 36 }));
  assert.ok(simdSource(SIMD_LAYOUT).includes(`(i32.load offset=${act} `));
  assert.ok(!moved.includes(`(i32.load offset=${act} `), `a load still reads the old act offset ${act}`);
  assert.ok(moved.includes('(i32.load offset=36 '));
});
