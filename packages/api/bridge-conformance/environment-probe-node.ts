/**
 * Prints the environment probe as Node sees it (the inline engine's column of
 * `docs/guides/worker-environment.md`): `npx tsx packages/api/bridge-conformance/environment-probe-node.ts`.
 */
import { probeEnvironment, type ProbeSection } from './environment-probe.js';

const sections: ProbeSection[] = ['globals', 'date', 'numbers', 'text', 'language', 'stack'];
for (const section of sections) {
  process.stdout.write(`${section} ${JSON.stringify(probeEnvironment(section))}\n`);
}
