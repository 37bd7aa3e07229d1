/** The stages of {@link generate}, as named in `InternalCodegenError`. */
export type StageName = 'parse' | 'model' | 'check' | 'layout' | 'emit' | 'bundle' | 'manifest' | 'write';

/**
 * A bug in the codegen, not in the user's code: user errors are returned as diagnostics (style.md R31).
 * Carries the stage it happened in and the original error as `cause`.
 */
export class InternalCodegenError extends Error {
  /** The stage that failed. */
  readonly stage: StageName;

  constructor(stage: StageName, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `Internal error in the codegen's ${stage} stage: ${detail}. Please report it with the input that triggers it.`,
      { cause },
    );
    this.name = 'InternalCodegenError';
    this.stage = stage;
  }
}
