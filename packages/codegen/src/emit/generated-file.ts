/** A file the pipeline produces, before it is written. */
export interface GeneratedFile {
  /** Path relative to the output directory, `/`-separated (e.g. `kotlin/dev/workscript/generated/XWorker.kt`). */
  readonly path: string;
  /** Full content. */
  readonly content: string;
}
