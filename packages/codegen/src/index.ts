/**
 * @workscript/codegen: turns TypeScript workers written with `@workscript/api` into typed Kotlin
 * CoroutineWorkers, one QuickJS bundle and a manifest. The public surface is {@link generate}, the
 * diagnostics it returns and their formatter, and {@link createBundle} for tools that need only the QuickJS
 * bundle of workers whose shapes they already have; the other stages stay internal (style.md R15).
 *
 * @packageDocumentation
 */
export { generate, DEFAULT_KOTLIN_PACKAGE, ASSETS_DIR } from './pipeline.js';
export type { GenerateOptions, GenerateResult } from './pipeline.js';
export { createBundle } from './bundle/create-bundle.js';
export type { Bundle, BundleInputMerger, BundleWorker, CreateBundleOptions } from './bundle/create-bundle.js';
export type { GeneratedFile } from './emit/generated-file.js';
export type { Diagnostic, DiagnosticSeverity, RelatedInformation } from './diagnostics/diagnostic.js';
export type { SourceSpan } from './diagnostics/source-span.js';
export { MESSAGES } from './diagnostics/messages.js';
export type { MessageId, MessageSpec } from './diagnostics/messages.js';
export { formatDiagnostics, formatDiagnostic } from './diagnostics/format.js';
export type { FormatOptions } from './diagnostics/format.js';
export { InternalCodegenError } from './errors.js';
export type { StageName } from './errors.js';
export type { WriteSummary, FileDifference } from './write/write-files.js';
export type {
  ProjectModel,
  WorkerModel,
  RoleModel,
  TypeModel,
  ShapeModel,
  FieldModel,
  OptionModel,
  RequestInputModel,
  HostGlobalReferenceModel,
  NativeServiceModel,
  NativeMethodModel,
  NativeParamModel,
  InputMergerModel,
  DefinitionModel,
} from './model/project-model.js';
export type { JsonValue, UnsupportedReason } from './parse/decl.js';
