import type { Diagnostic } from '@workscript/codegen';

/**
 * Thrown by `createWorkscriptTest` when the codegen reports errors (WS1xxx) for the workers: the message
 * is the rendered diagnostics (`file:line:col - error WSxxxx: …` with the worker and a code frame), as
 * `workscript generate` prints them.
 */
export class WorkscriptGenerateError extends Error {
  /** Always `'WorkscriptGenerateError'`. */
  override readonly name = 'WorkscriptGenerateError';
  /** Every diagnostic of the failed generation, errors and warnings, sorted by location. */
  readonly diagnostics: readonly Diagnostic[];

  /** @param rendered - the diagnostics as `formatDiagnostics` renders them. */
  constructor(diagnostics: readonly Diagnostic[], rendered: string) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(
      `workscript generate found ${errors} error${errors === 1 ? '' : 's'} in the workers:\n\n${rendered}`,
    );
    this.diagnostics = diagnostics;
    // The diagnostics point into the user's workers; frames of the harness would only bury them.
    this.stack = `${this.name}: ${this.message}`;
  }
}
