import { describe, expect, it } from 'vitest';
import { jsonSerializer, useJsDoubles } from '../../../src/emit/kotlin/json-serializer.js';
import { createKotlinWriter } from '../../../src/emit/kotlin/kotlin-writer.js';
import type { KotlinTypeLayout } from '../../../src/layout/kotlin-layout.js';

const double: KotlinTypeLayout = { kind: 'double' };
const list = (element: KotlinTypeLayout): KotlinTypeLayout => ({ kind: 'array', element });

describe('JSON serializers of generated code', () => {
  it('builds Doubles and lists of them with JsDoubleSerializer, everything else with serializer<T>()', () => {
    const w = createKotlinWriter('dev.example', 'W in w.ts');
    expect(jsonSerializer(w, double)).toBe('JsDoubleSerializer');
    expect(jsonSerializer(w, list(list(double)))).toBe('ListSerializer(ListSerializer(JsDoubleSerializer))');
    expect(jsonSerializer(w, list(list({ kind: 'int' })))).toBe('serializer<List<List<Int>>>()');
    // A class's own serializer already uses JsDoubleSerializer (UseSerializers in the file declaring it).
    expect(jsonSerializer(w, list({ kind: 'object', className: 'Line' }))).toBe('serializer<List<Line>>()');
    expect(w.render()).toContain(
      [
        'import dev.workscript.runtime.JsDoubleSerializer',
        'import kotlinx.serialization.builtins.ListSerializer',
        'import kotlinx.serialization.serializer',
      ].join('\n'),
    );
  });

  it('annotates the file only for properties holding Doubles', () => {
    const w = createKotlinWriter('dev.example', 'W in w.ts');
    useJsDoubles(w, { kind: 'long' });
    useJsDoubles(w, list({ kind: 'string' }));
    expect(w.render()).not.toContain('@file:');
    useJsDoubles(w, list(double));
    useJsDoubles(w, double);
    expect(w.render().match(/@file:UseSerializers\(JsDoubleSerializer::class\)/g)).toHaveLength(1);
  });
});
