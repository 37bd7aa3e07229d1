import { nativeService, type NativeService } from '@workscript/api';
import { provideNativeService } from '@workscript/runtime';
import { describe, expect, it } from 'vitest';
import { createWorkscriptTest } from '../src/index.js';
import { copyFixture } from './helpers/fixture-project.js';

interface Greeter extends NativeService {
  greet(name: string): Promise<string>;
}

describe('native services', () => {
  it('start() passes nativeServices to the runtime: the bundle in QuickJS calls the test implementation', async () => {
    const harness = await createWorkscriptTest({ root: copyFixture('native'), workers: 'workers' });
    try {
      const calls: string[] = [];
      const { workManager, settled } = await harness.start({
        nativeServices: [
          provideNativeService(nativeService<Greeter>('Greeter'), {
            greet: (name) => (calls.push(name), `hello, ${name}`),
          }),
        ],
      });
      const request = harness.request({ name: 'Greet' }, { input: { name: 'Ada' } });
      await workManager.enqueue(request);
      const info = await settled(request.id);
      expect([info.state, info.outputData.toObject()]).toEqual(['SUCCEEDED', { text: 'hello, Ada' }]);
      expect(calls).toEqual(['Ada']);
    } finally {
      await harness.close();
    }
  });
});
