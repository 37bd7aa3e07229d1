/** A services module: `Camera` extends `Base` extends `NativeService`, with every kind of member. */
export const SERVICES = [
  "import { nativeService, type Int, type Long, type NativeService } from '@workscript/api';",
  'export interface Base extends NativeService {',
  '  ping(): Promise<void>;',
  '}',
  'export interface Camera extends Base {',
  "  takePhoto(options: { quality: Int; lens: 'front' | 'back' }): Promise<{ uri: string; bytes: Long }>;",
  '  reset: () => Promise<void>;',
  '  model(): string;',
  '  tag(uri?: string, ...tags: string[]): Promise<void>;',
  '}',
  '',
].join('\n');
