/** The parse stage: the only code that imports ts-morph (style.md R21). */
export { createProjectSession } from './load-project.js';
export type { ProjectSession } from './load-project.js';
export { parseProject } from './parse-project.js';
export type { FileDeclCache } from './parse-project.js';
export { createFileDeclCache } from './file-decl-cache.js';
export type * from './decl.js';
