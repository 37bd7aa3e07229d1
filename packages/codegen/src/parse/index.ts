/** The parse stage: the only code that imports ts-morph (style.md R21). */
export { createProjectSession, loadProject } from './load-project.js';
export type { LoadProjectOptions, ProjectSession } from './load-project.js';
export { parseProject } from './parse-project.js';
export type { FileDecl, FileDeclCache } from './parse-project.js';
export { createFileDeclCache } from './file-decl-cache.js';
export type * from './decl.js';
