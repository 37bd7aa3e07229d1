import { describe, expect, it } from 'vitest';
import { checkConstraintCombinations } from '../../src/check/check-constraint-combinations.js';
import { checkContentUriTriggers } from '../../src/check/check-content-uri-triggers.js';
import { checkDuplicateNames } from '../../src/check/check-duplicate-names.js';
import { checkInputSize } from '../../src/check/check-input-size.js';
import { checkOptionValues } from '../../src/check/check-option-values.js';
import { checkPeriodic } from '../../src/check/check-periodic.js';
import { checkUnsupportedTypes } from '../../src/check/check-unsupported-types.js';
import { checkWorkerName } from '../../src/check/check-worker-name.js';
import { checkWorkerOptions } from '../../src/check/check-worker-options.js';
import { dataSize } from '../../src/check/data-size.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { ProjectModel, WorkerModel } from '../../src/model/project-model.js';
import { at, obj, opt, workerModel } from '../helpers/model-fixtures.js';

const ir = (...workers: WorkerModel[]): ProjectModel => ({ workers, nativeServices: [], requestInputs: [] });
/** What tests assert (style.md R28): messageId + data + span; rendered text is covered by the goldens. */
const summary = (ds: Diagnostic[]) =>
  ds.map((d) => ({ code: d.code, messageId: d.messageId, data: d.data, span: d.span }));

describe('checks', () => {
  it('checkWorkerName: non-literal and invalid names', () => {
    expect(
      summary(
        checkWorkerName(
          ir(
            workerModel({ name: 'prefix + x', nameIsLiteral: false }),
            workerModel({ name: '9lives' }),
            workerModel(),
          ),
        ),
      ),
    ).toEqual([
      { code: 'WS1001', messageId: 'worker-name-not-literal', data: { text: 'prefix + x' }, span: at(2, 9) },
      { code: 'WS1002', messageId: 'worker-name-invalid', data: { name: '9lives' }, span: at(2, 9) },
    ]);
  });

  it('checkWorkerOptions: not exported, options not a literal', () => {
    expect(
      summary(
        checkWorkerOptions(ir(workerModel({ exportName: undefined }), workerModel({ optionsText: 'opts' }))),
      ),
    ).toEqual([
      {
        code: 'WS1020',
        messageId: 'worker-not-exported',
        data: { name: 'W', variable: 'w' },
        span: at(1, 14),
      },
      { code: 'WS1021', messageId: 'worker-options-not-literal', data: { text: 'opts' }, span: at(1, 30) },
    ]);
  });

  it('checkDuplicateNames: reports every copy, with the others as related locations', () => {
    const a = workerModel({ variableName: 'a', span: at(1, 14, 'a.ts') });
    const b = workerModel({ variableName: 'b', span: at(1, 14, 'b.ts') });
    const ds = checkDuplicateNames(ir(a, b, workerModel({ name: 'Other' })));
    expect(summary(ds).map((d) => d.messageId)).toEqual(['duplicate-worker-name', 'duplicate-worker-name']);
    expect(ds[0]?.related).toEqual([
      { message: "in worker 'W'", span: at(1, 14, 'a.ts') },
      { message: "also defined as 'b'", span: at(1, 14, 'b.ts') },
    ]);
  });

  it('checkUnsupportedTypes: names the role and the field path, nested and in arrays', () => {
    const worker = workerModel({
      input: {
        type: obj({
          when: { kind: 'unsupported', reason: 'date', typeText: 'Date' },
          deep: obj({
            list: { kind: 'array', element: { kind: 'unsupported', reason: 'bigint', typeText: 'bigint' } },
          }),
        }),
        typeText: 'I',
        span: at(10),
      },
      progress: { type: { kind: 'string' }, typeText: 'string', span: at(11) },
    });
    expect(summary(checkUnsupportedTypes(ir(worker)))).toEqual([
      {
        code: 'WS1003',
        messageId: 'unsupported-date',
        data: { role: 'Input', path: 'when', type: 'Date', reason: 'a Date' },
        span: at(20),
      },
      {
        code: 'WS1007',
        messageId: 'unsupported-bigint',
        data: { role: 'Input', path: 'deep.list[]', type: 'bigint', reason: 'a bigint' },
        span: at(20),
      },
      {
        code: 'WS1011',
        messageId: 'shape-not-object',
        data: { role: 'progress', worker: 'W', type: 'string', example: 'WorkerContext<{ percent: Int }>' },
        span: at(11),
      },
    ]);
  });

  it('checkPeriodic: literal interval under 15 minutes and flex under 5 minutes; exact minimums pass', () => {
    expect(
      summary(
        checkPeriodic(
          ir(
            workerModel({
              defaults: [opt('periodic.flexMs', 299_999, 6), opt('periodic.intervalMs', 899_999, 7)],
            }),
          ),
        ),
      ),
    ).toEqual([
      { code: 'WS1013', messageId: 'periodic-interval-too-short', data: { value: 899_999 }, span: at(7) },
      { code: 'WS1014', messageId: 'periodic-flex-too-short', data: { value: 299_999 }, span: at(6) },
    ]);
    expect(
      checkPeriodic(
        ir(workerModel({ defaults: [opt('periodic.flexMs', 300_000), opt('periodic.intervalMs', 900_000)] })),
      ),
    ).toEqual([]);
  });

  it('checkConstraintCombinations: expedited limits and backoff with device idle', () => {
    const expedited = workerModel({
      defaults: [
        opt('constraints.requiresBatteryNotLow', true, 3),
        opt('constraints.requiresStorageNotLow', true, 4),
        opt('expedited', 'DROP_WORK_REQUEST', 5),
        opt('initialDelayMs', 10, 6),
        opt('periodic.intervalMs', 900_000, 7),
      ],
    });
    const idle = workerModel({
      defaults: [opt('backoff.policy', 'LINEAR', 8), opt('constraints.requiresDeviceIdle', true, 9)],
    });
    expect(summary(checkConstraintCombinations(ir(expedited, idle)))).toEqual([
      {
        code: 'WS1016',
        messageId: 'expedited-with-constraint',
        data: { constraint: 'requiresBatteryNotLow' },
        span: at(3),
      },
      { code: 'WS1019', messageId: 'expedited-with-initial-delay', data: { value: 10 }, span: at(6) },
      { code: 'WS1018', messageId: 'expedited-with-periodic', data: {}, span: at(5) },
      { code: 'WS1017', messageId: 'backoff-with-device-idle', data: {}, span: at(8) },
    ]);
  });

  it('checkOptionValues: invalid literals, clamped backoff, and non-literal defaults', () => {
    const worker = workerModel({
      defaults: [
        opt('backoff.delayMs', 5_000, 3),
        opt('constraints.requiredNetworkType', 'WIFI', 4),
        { path: 'tags', dynamic: 'remoteTags', span: at(5) },
      ],
    });
    expect(summary(checkOptionValues(ir(worker)))).toEqual([
      {
        code: 'WS1023',
        messageId: 'backoff-delay-clamped',
        data: { value: 5000, clamped: 10000 },
        span: at(3),
      },
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: {
          option: 'constraints.requiredNetworkType',
          value: '"WIFI"',
          expected:
            "one of 'NOT_REQUIRED', 'CONNECTED', 'UNMETERED', 'NOT_ROAMING', 'METERED', 'TEMPORARILY_UNMETERED'",
        },
        span: at(4),
      },
      {
        code: 'WS1022',
        messageId: 'default-not-static',
        data: { option: 'tags', text: 'remoteTags' },
        span: at(5),
      },
    ]);
    expect(checkOptionValues(ir(worker)).map((d) => d.severity)).toEqual(['warning', 'error', 'warning']);
  });

  it('checkConstraintCombinations: expedited work with content-URI triggers; an empty list is none', () => {
    const trigger = { uri: 'content://media/external/images/media', isTriggeredForDescendants: true };
    const withTriggers = workerModel({
      defaults: [
        opt('constraints.contentUriTriggers', [trigger, trigger], 3),
        opt('expedited', 'RUN_AS_NON_EXPEDITED_WORK_REQUEST', 4),
      ],
    });
    expect(summary(checkConstraintCombinations(ir(withTriggers)))).toEqual([
      {
        code: 'WS1045',
        messageId: 'expedited-with-content-uri-triggers',
        data: { count: 2 },
        span: at(3),
      },
    ]);
    const empty = workerModel({
      defaults: [opt('constraints.contentUriTriggers', [], 3), opt('expedited', 'DROP_WORK_REQUEST', 4)],
    });
    const notExpedited = workerModel({ defaults: [opt('constraints.contentUriTriggers', [trigger], 3)] });
    expect(checkConstraintCombinations(ir(empty, notExpedited))).toEqual([]);
  });

  it('checkOptionValues: content-trigger delays are whole ms ≥ 0 or -1', () => {
    const valid = workerModel({
      defaults: [
        opt('constraints.contentTriggerMaxDelayMillis', -1, 3),
        opt('constraints.contentTriggerUpdateDelayMillis', 0, 4),
      ],
    });
    expect(checkOptionValues(ir(valid))).toEqual([]);
    const invalid = workerModel({
      defaults: [
        opt('constraints.contentTriggerMaxDelayMillis', 1.5, 3),
        opt('constraints.contentTriggerUpdateDelayMillis', -2, 4),
      ],
    });
    const expected = 'a whole number of milliseconds ≥ 0, or -1 for the system default';
    expect(summary(checkOptionValues(ir(invalid)))).toEqual([
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: { option: 'constraints.contentTriggerMaxDelayMillis', value: '1.5', expected },
        span: at(3),
      },
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: { option: 'constraints.contentTriggerUpdateDelayMillis', value: '-2', expected },
        span: at(4),
      },
    ]);
  });

  it('checkOptionValues: traceTag is a non-empty string; over 127 characters it is cut, with a warning', () => {
    const valid = workerModel({ defaults: [opt('traceTag', 'x'.repeat(127), 3)] });
    expect(checkOptionValues(ir(valid))).toEqual([]);
    const invalid = workerModel({ name: 'A', defaults: [opt('traceTag', '', 3)] });
    const notString = workerModel({ name: 'B', defaults: [opt('traceTag', 7, 4)] });
    const long = workerModel({ name: 'C', defaults: [opt('traceTag', 'x'.repeat(128), 5)] });
    const diagnostics = checkOptionValues(ir(invalid, notString, long));
    expect(summary(diagnostics)).toEqual([
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: { option: 'traceTag', value: '""', expected: 'a non-empty string' },
        span: at(3),
      },
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: { option: 'traceTag', value: '7', expected: 'a non-empty string' },
        span: at(4),
      },
      {
        code: 'WS1046',
        messageId: 'trace-tag-truncated',
        data: { length: 128, max: 127 },
        span: at(5),
      },
    ]);
    expect(diagnostics.map((d) => d.severity)).toEqual(['error', 'error', 'warning']);
  });

  it('checkContentUriTriggers: names each element at fault; valid triggers and duplicates pass', () => {
    const uri = 'content://media/external/images/media';
    const valid = workerModel({
      defaults: [
        opt('constraints.contentUriTriggers', [
          { uri, isTriggeredForDescendants: true },
          { uri, isTriggeredForDescendants: true },
          { uri: 'content://com.example.notes/n?q="$x"\\y#f', isTriggeredForDescendants: false },
        ]),
      ],
    });
    expect(checkContentUriTriggers(ir(valid))).toEqual([]);
    const invalid = workerModel({
      defaults: [
        opt(
          'constraints.contentUriTriggers',
          [
            { uri: 'file:///sdcard/a.jpg', isTriggeredForDescendants: 'yes' },
            'content://media',
            { isTriggeredForDescendants: true, descendants: true },
            { uri: 'content://', isTriggeredForDescendants: false },
          ],
          7,
        ),
      ],
    });
    const contentUri =
      "a content:// URI, e.g. 'content://media/external/images/media' (Android reports changes only for content URIs)";
    const problem = (option: string, value: string, expected: string) => ({
      code: 'WS1024',
      messageId: 'invalid-option-value',
      data: { option: `constraints.contentUriTriggers${option}`, value, expected },
      span: at(7),
    });
    expect(summary(checkContentUriTriggers(ir(invalid)))).toEqual([
      problem('[0].uri', '"file:///sdcard/a.jpg"', contentUri),
      problem('[0].isTriggeredForDescendants', '"yes"', 'true or false'),
      problem('[1]', '"content://media"', 'a { uri, isTriggeredForDescendants } object'),
      problem('[2].descendants', 'true', 'only uri and isTriggeredForDescendants in a trigger'),
      problem('[2].uri', 'missing', contentUri),
      problem('[3].uri', '"content://"', contentUri),
    ]);
    const notArray = workerModel({ defaults: [opt('constraints.contentUriTriggers', uri, 7)] });
    expect(summary(checkContentUriTriggers(ir(notArray)))).toEqual([
      problem('', JSON.stringify(uri), 'an array of { uri, isTriggeredForDescendants }'),
    ]);
    // Modified UTF-8, as WorkManager stores the URI: 'é' takes 2 bytes, so 65,535 bytes is the most that fits.
    const sized = (bytes: number) =>
      workerModel({
        defaults: [
          opt(
            'constraints.contentUriTriggers',
            [
              {
                uri: `content://a/${'x'.repeat(bytes % 2)}${'é'.repeat(Math.floor((bytes - 12) / 2))}`,
                isTriggeredForDescendants: false,
              },
            ],
            7,
          ),
        ],
      });
    expect(checkContentUriTriggers(ir(sized(65_535)))).toEqual([]);
    expect(summary(checkContentUriTriggers(ir(sized(65_536))))).toEqual([
      problem(
        '[0].uri',
        '65536 bytes long in modified UTF-8',
        'a URI of at most 65535 bytes (WorkManager stores it with writeUTF)',
      ),
    ]);
    const dynamic = workerModel({
      defaults: [{ path: 'constraints.contentUriTriggers', dynamic: 'triggers', span: at(7) }],
    });
    expect(checkContentUriTriggers(ir(dynamic))).toEqual([]);
  });

  it('checkInputSize: uses the worker input shape (Int is 4 bytes) and flags inputs over 10,240 bytes', () => {
    const worker = workerModel({
      input: { type: obj({ n: { kind: 'int' }, s: { kind: 'string' } }), typeText: 'I', span: at(10) },
    });
    // 8 header + (1 + 4 + 3) for n + (1 + 2 + len + 3) for s
    expect(
      dataSize(
        { n: 1, s: 'abc' },
        worker.input.type?.kind === 'object' ? worker.input.type.shape : undefined,
      ),
    ).toBe(8 + 8 + 9);
    const request = (length: number): ProjectModel => ({
      workers: [worker],
      nativeServices: [],
      requestInputs: [
        {
          callee: 'createOneTimeWorkRequest',
          workerName: 'W',
          value: { n: 1, s: 'x'.repeat(length) },
          span: at(30),
        },
      ],
    });
    const big = request(10_219);
    const fits = request(10_218);
    expect(summary(checkInputSize(big))).toEqual([
      { code: 'WS1015', messageId: 'input-data-too-large', data: { size: 10_241 }, span: at(30) },
    ]);
    expect(checkInputSize(fits)).toEqual([]);
  });
});
