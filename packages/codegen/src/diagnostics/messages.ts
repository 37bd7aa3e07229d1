/**
 * Every diagnostic the codegen reports, keyed by `messageId`. Codes are stable and never reused (style.md
 * R11): add new entries at the end of their range and retire old ones by leaving them in place.
 *
 * Templates use `{{placeholder}}` for data. Each message says what would have been valid (R30).
 * docs/design/diagnostics.md lists every code with an example; keep it in sync.
 */
export const MESSAGES = {
  'worker-name-not-literal': {
    code: 'WS1001',
    severity: 'error',
    template:
      "The worker name must be a string literal (it names the generated Kotlin classes); found '{{text}}'. Write the name inline, e.g. name: 'SyncContacts'.",
  },
  'worker-name-invalid': {
    code: 'WS1002',
    severity: 'error',
    template:
      "Worker name '{{name}}' is not valid; use a letter followed by letters, digits or '_' (at most 100 characters), e.g. 'SyncContacts'.",
  },
  'unsupported-date': {
    code: 'WS1003',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has type 'Date', which WorkManager Data cannot hold; use an ISO string or epoch millis (Long).",
  },
  'unsupported-collection': {
    code: 'WS1004',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has type '{{type}}', which WorkManager Data cannot hold; use an array of entries or a plain object with known keys.",
  },
  'unsupported-function': {
    code: 'WS1005',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has function type '{{type}}'; functions cannot cross into WorkManager Data. Pass plain data (a string naming the action, or an enum) instead.",
  },
  'unsupported-any': {
    code: 'WS1006',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has type '{{type}}', so its Data encoding is unknown; declare a concrete type (boolean, number, Int, Long, string, a string-literal union, an array or a plain object).",
  },
  'unsupported-bigint': {
    code: 'WS1007',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has type '{{type}}'; bigint cannot cross the bridge. Use Long (safe integers) or a decimal string.",
  },
  'unsupported-class': {
    code: 'WS1008',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has class type '{{type}}'; class instances lose their prototype in Data. Use an interface or type alias describing the plain fields.",
  },
  'unsupported-union': {
    code: 'WS1009',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has union type '{{type}}'; only unions of string literals (a Kotlin enum) are supported. Use a string-literal union, or separate optional fields.",
  },
  'unsupported-type': {
    code: 'WS1010',
    severity: 'error',
    template:
      "{{role}} field '{{path}}' has type '{{type}}', which cannot be stored in WorkManager Data ({{reason}}). Use boolean, number, Int, Long, string, a string-literal union, an array or a plain object.",
  },
  'shape-not-object': {
    code: 'WS1011',
    severity: 'error',
    template:
      "The {{role}} type of worker '{{worker}}' is '{{type}}'; it must be a plain object type because Data is a map of keys. Wrap it: {{example}}.",
  },
  'duplicate-worker-name': {
    code: 'WS1012',
    severity: 'error',
    template:
      "Worker name '{{name}}' is used by {{count}} workers; names must be unique in the app. Rename all but one (e.g. '{{suggestion}}').",
  },
  'periodic-interval-too-short': {
    code: 'WS1013',
    severity: 'error',
    template:
      "periodic.intervalMs is {{value}} ms, below WorkManager's minimum of 900000 ms (15 minutes), which would silently raise it; use at least 900_000.",
  },
  'periodic-flex-too-short': {
    code: 'WS1014',
    severity: 'error',
    template:
      "periodic.flexMs is {{value}} ms, below WorkManager's minimum of 300000 ms (5 minutes), which would silently raise it; use at least 300_000 or leave flexMs out.",
  },
  'input-data-too-large': {
    code: 'WS1015',
    severity: 'error',
    template:
      'This literal input encodes to {{size}} bytes of WorkManager Data, over the 10,240-byte limit, so enqueueing it always fails; pass a reference (an id, a file path or a URL) and load the payload inside the worker.',
  },
  'expedited-with-constraint': {
    code: 'WS1016',
    severity: 'error',
    template:
      'Expedited work only supports network and storage constraints, but constraints.{{constraint}} is true; remove {{constraint}} or drop expedited.',
  },
  'backoff-with-device-idle': {
    code: 'WS1017',
    severity: 'error',
    template:
      'Backoff criteria cannot be set on an idle-mode job (constraints.requiresDeviceIdle is true); WorkManager rejects the request. Remove backoff or requiresDeviceIdle.',
  },
  'expedited-with-periodic': {
    code: 'WS1018',
    severity: 'error',
    template:
      'Periodic work cannot be expedited, and this worker defines both; remove expedited or periodic.',
  },
  'expedited-with-initial-delay': {
    code: 'WS1019',
    severity: 'error',
    template: 'Expedited work cannot be delayed, but initialDelayMs is {{value}}; use 0 or drop expedited.',
  },
  'worker-not-exported': {
    code: 'WS1020',
    severity: 'error',
    template:
      "Worker '{{name}}' is not exported, so the bundle cannot register it; write 'export const {{variable}} = defineWorker(...)'.",
  },
  'worker-options-not-literal': {
    code: 'WS1021',
    severity: 'error',
    template:
      "defineWorker(...) must be called with an object literal so the codegen can read the definition; found '{{text}}'. Inline the options object.",
  },
  'default-not-static': {
    code: 'WS1022',
    severity: 'warning',
    template:
      "'{{option}}' is not a literal ('{{text}}'), so the generated Kotlin request builders do not carry it as a default; use a literal, or set it on every enqueue.",
  },
  'backoff-delay-clamped': {
    code: 'WS1023',
    severity: 'warning',
    template:
      'backoff.delayMs is {{value}} ms; WorkManager clamps it to {{clamped}} ms. Use a delay between 10_000 and 18_000_000.',
  },
  'invalid-option-value': {
    code: 'WS1024',
    severity: 'error',
    template: "'{{option}}' is {{value}}; use {{expected}}.",
  },
  'bundle-failed': {
    code: 'WS1025',
    severity: 'error',
    template:
      'The QuickJS bundle could not be built; fix the module errors below (worker modules must build with esbuild for ES2020). {{details}}',
  },
  'project-load-failed': {
    code: 'WS1026',
    severity: 'error',
    template:
      'Could not load the TypeScript project: {{details}}. Pass --project <tsconfig.json> or a list of worker files that exist.',
  },
  'no-input-files': {
    code: 'WS1027',
    severity: 'error',
    template:
      'No TypeScript files to read. Pass --project <tsconfig.json> or worker files, e.g. workscript generate src/workers/*.ts --out build/workscript.',
  },
  'typescript-syntax-error': {
    code: 'WS1028',
    severity: 'error',
    template:
      'TypeScript cannot parse this file: {{details}} Fix the syntax error; the codegen reads worker types through the TypeScript compiler.',
  },
  'api-not-resolved': {
    code: 'WS1029',
    severity: 'error',
    template:
      "'@workscript/api' cannot be resolved from this file, so its workers cannot be recognised. Install it next to your workers (npm install @workscript/api) and use a tsconfig whose moduleResolution is 'bundler' or 'nodenext'.",
  },
  'no-workers': {
    code: 'WS1030',
    severity: 'warning',
    template:
      'No defineWorker(...) call was found in {{count}} file(s); only the shared Kotlin files (and any input mergers) are generated. Define workers as top-level exports: export const myWorker = defineWorker({ ... }).',
  },
  'invalid-kotlin-package': {
    code: 'WS1031',
    severity: 'error',
    template:
      "'{{name}}' is not a valid Kotlin package; use dot-separated identifiers that are not keywords, e.g. '{{suggestion}}'.",
  },
  'write-failed': {
    code: 'WS1032',
    severity: 'error',
    template:
      'Could not write the generated files: {{details}}. Check that the output directory is writable; files already written are complete (each is written atomically).',
  },
  'spread-options': {
    code: 'WS1033',
    severity: 'warning',
    template:
      "The options spread from '{{text}}' are not literals, so the generated Kotlin request builders do not carry them as defaults; spread a const object literal, or write the options inline.",
  },
  'native-service-name-not-literal': {
    code: 'WS1034',
    severity: 'error',
    template:
      "The native service name must be a string literal (it names the Kotlin interface and the bridge's native.<Service>.<method>); found '{{text}}'. Write the interface's name inline, e.g. nativeService<{{interface}}>('{{interface}}').",
  },
  'native-service-name-mismatch': {
    code: 'WS1035',
    severity: 'error',
    template:
      "Native service name '{{name}}' differs from its interface '{{interface}}'; the name must equal the interface's name, because the app implements the Kotlin interface of that name. Write nativeService<{{interface}}>('{{interface}}').",
  },
  'native-service-not-interface': {
    code: 'WS1036',
    severity: 'error',
    template:
      "nativeService<T>() needs T to be an interface that extends NativeService, but T is '{{type}}'; declare one: export interface {{suggestion}} extends NativeService { ... }.",
  },
  'native-method-not-async': {
    code: 'WS1037',
    severity: 'error',
    template:
      "Member '{{method}}' of native service '{{service}}' has type '{{type}}'; every member must be a method returning a Promise, because calls cross the bridge asynchronously. Declare it as {{method}}(...): Promise<...>.",
  },
  'native-unsupported-type': {
    code: 'WS1038',
    severity: 'error',
    template:
      "{{what}} of native method '{{method}}' has type '{{type}}' ({{reason}}), which cannot cross the bridge as JSON; use {{instead}}.",
  },
  'native-parameter-not-required': {
    code: 'WS1039',
    severity: 'error',
    template:
      "Parameter '{{param}}' of native method '{{method}}' is {{kind}}; native service methods take required positional parameters only (v1). Make it required, or pass an options object with optional fields: {{example}}.",
  },
  'native-method-name-invalid': {
    code: 'WS1040',
    severity: 'error',
    template:
      "Native method name '{{method}}' of service '{{service}}' is not a valid Kotlin identifier, so the generated interface cannot declare it; use a letter or '_' followed by letters, digits or '_', e.g. '{{suggestion}}'.",
  },
  'duplicate-native-service': {
    code: 'WS1041',
    severity: 'error',
    template:
      "Native service name '{{name}}' is used by {{count}} different interfaces; names must be unique in the app (each is one Kotlin interface and one native.<Service> prefix). Rename all but one interface and its nativeService<...>('...') name.",
  },
  'host-only-global': {
    code: 'WS1042',
    severity: 'warning',
    template:
      "'{{name}}' is a Node global that the QuickJS engine running workers does not have (on Android and in the Node runtime's QuickJS engine), so this line throws a ReferenceError there; {{instead}}. See docs/guides/worker-environment.md.",
  },
  'native-method-name-any-member': {
    code: 'WS1043',
    severity: 'error',
    template:
      "Native method name '{{method}}' of service '{{service}}' is a member of every Kotlin object (kotlin.Any.{{method}}), so the generated interface's 'suspend fun {{method}}' would clash with it and not compile; rename the method, e.g. '{{suggestion}}'.",
  },
  'dynamic-import-not-bundled': {
    code: 'WS1044',
    severity: 'warning',
    template:
      "{{call}} stays a dynamic import in workers.js because {{reason}}; QuickJS runs the bundle without a module loader (on Android and in the Node runtime's QuickJS engine), so it always rejects with 'could not load module'. Import the module statically, or give import() a string-literal path that esbuild can bundle, e.g. import('./handlers/sync.js').",
  },
  'expedited-with-content-uri-triggers': {
    code: 'WS1045',
    severity: 'error',
    template:
      'Expedited work only supports network and storage constraints, but constraints.contentUriTriggers has {{count}} trigger(s); remove contentUriTriggers or drop expedited.',
  },
  'trace-tag-truncated': {
    code: 'WS1046',
    severity: 'warning',
    template:
      'traceTag is {{length}} characters long; WorkManager keeps only the first {{max}}, so the generated request factories set those. Use a tag of at most {{max}} characters.',
  },
  'input-merger-name-not-literal': {
    code: 'WS1047',
    severity: 'error',
    template:
      "The input merger name must be a string literal (it is the simple name of the generated Kotlin InputMerger class); found '{{text}}'. Call defineInputMerger with an object literal that names it inline, e.g. defineInputMerger({ name: 'SumCountsInputMerger', merge(inputs) { ... } }).",
  },
  'input-merger-name-invalid': {
    code: 'WS1048',
    severity: 'error',
    template:
      "Input merger name '{{name}}' is not valid; use a letter followed by letters, digits or '_' (at most 100 characters), e.g. '{{suggestion}}'.",
  },
  'input-merger-name-built-in': {
    code: 'WS1049',
    severity: 'error',
    template:
      "Input merger name '{{name}}' is WorkManager's own merger; give yours another name (e.g. '{{suggestion}}'), or use inputMerger: '{{name}}' directly.",
  },
  'duplicate-input-merger-name': {
    code: 'WS1050',
    severity: 'error',
    template:
      "Input merger name '{{name}}' is used by {{count}} input mergers; names must be unique in the app (each is one Kotlin class and the name the runtime stores). Rename all but one (e.g. '{{suggestion}}').",
  },
  'input-merger-class-clash': {
    code: 'WS1051',
    severity: 'error',
    template:
      "Input merger '{{name}}' would generate a Kotlin class named '{{name}}' in the generated package, but that name is taken there by {{owner}}; the class must carry the merger's name, so rename the merger, e.g. '{{suggestion}}'.",
  },
  'input-merger-not-exported': {
    code: 'WS1052',
    severity: 'error',
    template:
      "Input merger '{{name}}' is not exported, so the bundle cannot register it; write 'export const {{variable}} = defineInputMerger(...)'.",
  },
  'input-merger-not-resolved': {
    code: 'WS1053',
    severity: 'error',
    template:
      "'inputMerger' is '{{text}}', which the codegen cannot follow to a merger, so the generated request factories could not set it; use 'OverwritingInputMerger', 'ArrayCreatingInputMerger' or a defineInputMerger definition bound to a top-level const of a project file ({{known}}).",
  },
} as const satisfies Record<string, MessageSpec>;

/** One entry of {@link MESSAGES}. */
export interface MessageSpec {
  /** Stable numeric code shown to users, `WS1xxx`. */
  readonly code: string;
  /** Default severity. */
  readonly severity: 'error' | 'warning';
  /** Message with `{{placeholder}}`s. */
  readonly template: string;
}

/** Every known message id. */
export type MessageId = keyof typeof MESSAGES;

/** Fills a template's placeholders; a missing placeholder is an internal bug and throws. */
export function renderMessage(messageId: MessageId, data: Readonly<Record<string, string | number>>): string {
  return MESSAGES[messageId].template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message '${messageId}' needs data '${key}'`);
    return String(value);
  });
}
