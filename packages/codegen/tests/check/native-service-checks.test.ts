import { describe, expect, it } from 'vitest';
import { checkDuplicateNativeServices } from '../../src/check/check-duplicate-native-services.js';
import { checkNativeMethodAnyMembers } from '../../src/check/check-native-method-any-members.js';
import { checkNativeMethodNames } from '../../src/check/check-native-method-names.js';
import { checkNativeMethodParams } from '../../src/check/check-native-method-params.js';
import { checkNativeMethodReturns } from '../../src/check/check-native-method-returns.js';
import { checkNativeServiceInterface } from '../../src/check/check-native-service-interface.js';
import { checkNativeServiceNames } from '../../src/check/check-native-service-names.js';
import { checkNativeServiceTypes } from '../../src/check/check-native-service-types.js';
import { runChecks } from '../../src/check/run-checks.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { NativeServiceModel, ProjectModel } from '../../src/model/project-model.js';
import { at, nativeMethodModel, nativeServiceModel, obj } from '../helpers/model-fixtures.js';

const ir = (...nativeServices: NativeServiceModel[]): ProjectModel => ({
  workers: [],
  nativeServices,
  requestInputs: [],
});
/** messageId + data + span (style.md R28); the rendered text is covered by the _error_ goldens. */
const summary = (ds: Diagnostic[]) =>
  ds.map((d) => ({ code: d.code, messageId: d.messageId, data: d.data, span: d.span }));

describe('native service checks', () => {
  it('accepts a valid service with every check', () => {
    expect(runChecks(ir(nativeServiceModel()))).toEqual([]);
  });

  it('checkNativeServiceNames: non-literal name, and a name that differs from the interface', () => {
    expect(
      summary(
        checkNativeServiceNames(
          ir(
            nativeServiceModel({ name: 'prefix + "era"', nameIsLiteral: false }),
            nativeServiceModel({ name: 'Cam' }),
            nativeServiceModel({ name: '', nameIsLiteral: false, interfaceName: undefined }),
          ),
        ),
      ),
    ).toEqual([
      {
        code: 'WS1034',
        messageId: 'native-service-name-not-literal',
        data: { text: 'prefix + "era"', interface: 'Camera' },
        span: at(8, 45),
      },
      {
        code: 'WS1035',
        messageId: 'native-service-name-mismatch',
        data: { name: 'Cam', interface: 'Camera' },
        span: at(8, 45),
      },
      {
        code: 'WS1034',
        messageId: 'native-service-name-not-literal',
        data: { text: '(missing)', interface: 'MyService' },
        span: at(8, 45),
      },
    ]);
  });

  it('checkNativeServiceInterface: T must be an interface extending NativeService', () => {
    const ds = checkNativeServiceInterface(
      ir(
        nativeServiceModel({
          extendsNativeService: false,
          interfaceName: undefined,
          typeText: '{ a(): void }',
        }),
        nativeServiceModel({ extendsNativeService: false, interfaceName: 'NativeService', name: 'Flash' }),
      ),
    );
    expect(summary(ds)).toEqual([
      {
        code: 'WS1036',
        messageId: 'native-service-not-interface',
        data: { type: '{ a(): void }', suggestion: 'Camera' },
        span: at(8, 23),
      },
      {
        code: 'WS1036',
        messageId: 'native-service-not-interface',
        data: { type: 'Camera', suggestion: 'Flash' },
        span: at(8, 23),
      },
    ]);
    // The "in native service" location of R29.
    expect(ds[0]?.related).toEqual([{ message: "in native service 'Camera'", span: at(8, 23) }]);
  });

  it('checkNativeMethodReturns: members that are not methods returning a Promise', () => {
    const service = nativeServiceModel({
      methods: [
        nativeMethodModel({ name: 'model', returnsPromise: false, typeText: 'string', span: at(5, 3) }),
        nativeMethodModel(),
      ],
    });
    expect(summary(checkNativeMethodReturns(ir(service)))).toEqual([
      {
        code: 'WS1037',
        messageId: 'native-method-not-async',
        data: { method: 'model', service: 'Camera', type: 'string' },
        span: at(5, 3),
      },
    ]);
    // Its types are not checked on top: one problem, one diagnostic.
    expect(checkNativeServiceTypes(ir(service))).toEqual([]);
  });

  it('checkNativeServiceTypes: names the parameter, the nested field or the result, at its declaration', () => {
    const date = { kind: 'unsupported', reason: 'date', typeText: 'Date' } as const;
    const union = { kind: 'unsupported', reason: 'union', typeText: 'string | number' } as const;
    const service = nativeServiceModel({
      methods: [
        nativeMethodModel({
          params: [
            { name: 'at', type: date, optional: false, rest: false, span: at(4, 12) },
            {
              name: 'query',
              type: obj({ ids: { kind: 'array', element: union } }),
              optional: false,
              rest: false,
              span: at(4, 20),
            },
          ],
          returns: obj({ size: union }),
        }),
      ],
    });
    expect(
      checkNativeServiceTypes(ir(service)).map((d) => [
        d.data['what'],
        d.data['method'],
        d.data['instead'],
        d.span,
      ]),
    ).toEqual([
      ["Parameter 'at'", 'Camera.takePhoto', 'an ISO string or epoch millis (Long)', at(4, 12)],
      [
        "Field 'query.ids[]'",
        'Camera.takePhoto',
        'a string-literal union (a Kotlin enum), or separate optional fields',
        at(20),
      ],
      [
        "Result field 'size'",
        'Camera.takePhoto',
        'a string-literal union (a Kotlin enum), or separate optional fields',
        at(20),
      ],
    ]);
  });

  it('checkNativeMethodParams: optional and rest parameters', () => {
    const service = nativeServiceModel({
      methods: [
        nativeMethodModel({
          params: [
            { name: 'quality', type: { kind: 'int' }, optional: true, rest: false, span: at(4, 13) },
            {
              name: 'tags',
              type: { kind: 'array', element: { kind: 'string' } },
              optional: false,
              rest: true,
              span: at(4, 30),
            },
          ],
        }),
      ],
    });
    expect(summary(checkNativeMethodParams(ir(service)))).toEqual([
      {
        code: 'WS1039',
        messageId: 'native-parameter-not-required',
        data: {
          param: 'quality',
          method: 'Camera.takePhoto',
          kind: 'optional',
          example: 'takePhoto(options: { quality?: T })',
        },
        span: at(4, 13),
      },
      {
        code: 'WS1039',
        messageId: 'native-parameter-not-required',
        data: {
          param: 'tags',
          method: 'Camera.takePhoto',
          kind: 'a rest parameter',
          example: 'takePhoto(tags: T[])',
        },
        span: at(4, 30),
      },
    ]);
  });

  it('checkNativeMethodNames: keywords are fine (escaped), other characters are not', () => {
    const service = nativeServiceModel({
      methods: [
        nativeMethodModel({ name: 'object' }),
        nativeMethodModel({ name: 'take-photo', span: at(6, 3) }),
        nativeMethodModel({ name: '$reset', span: at(7, 3) }),
      ],
    });
    expect(summary(checkNativeMethodNames(ir(service)))).toEqual([
      {
        code: 'WS1040',
        messageId: 'native-method-name-invalid',
        data: { method: 'take-photo', service: 'Camera', suggestion: 'takePhoto' },
        span: at(6, 3),
      },
      {
        code: 'WS1040',
        messageId: 'native-method-name-invalid',
        data: { method: '$reset', service: 'Camera', suggestion: 'reset' },
        span: at(7, 3),
      },
    ]);
  });

  it("checkNativeMethodAnyMembers: kotlin.Any's members are rejected whatever their parameters", () => {
    const service = nativeServiceModel({
      methods: [
        nativeMethodModel({ name: 'toStringValue' }),
        nativeMethodModel({ name: 'toString', span: at(5, 3) }),
        nativeMethodModel({ name: 'hashCode', span: at(6, 3) }),
        nativeMethodModel({ name: 'equals', span: at(7, 3) }),
      ],
    });
    const expected = (method: string, suggestion: string, line: number) => ({
      code: 'WS1043',
      messageId: 'native-method-name-any-member',
      data: { method, service: 'Camera', suggestion },
      span: at(line, 3),
    });
    expect(summary(checkNativeMethodAnyMembers(ir(service)))).toEqual([
      expected('toString', 'describe', 5),
      expected('hashCode', 'computeHash', 6),
      expected('equals', 'isSameAs', 7),
    ]);
  });

  it('checkDuplicateNativeServices: every copy is reported, pointing at the other interface', () => {
    const front = nativeServiceModel({ sourceFile: 'front.ts', interfaceSpan: at(3, 18, 'front.ts') });
    const back = nativeServiceModel({
      sourceFile: 'back.ts',
      nameSpan: at(8, 45, 'back.ts'),
      interfaceSpan: at(4, 18, 'back.ts'),
    });
    const ds = checkDuplicateNativeServices(ir(back, front));
    expect(summary(ds).map((d) => [d.code, d.data, d.span])).toEqual([
      ['WS1041', { name: 'Camera', count: 2 }, at(8, 45, 'back.ts')],
      ['WS1041', { name: 'Camera', count: 2 }, at(8, 45)],
    ]);
    expect(ds[0]?.related?.[1]).toEqual({
      message: "also declared for 'Camera'",
      span: at(3, 18, 'front.ts'),
    });
  });
});
