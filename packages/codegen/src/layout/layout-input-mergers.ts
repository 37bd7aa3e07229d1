import type { InputMergerModel } from '../model/project-model.js';
import type { InputMergerLayout } from './kotlin-layout.js';
import type { NameAllocator } from './name-allocator.js';

/**
 * Names of the input mergers' Kotlin classes: each is the merger's own name, which the runtime stores and
 * WorkManager instantiates by class name, so unlike every other generated name it cannot take a numeric
 * suffix. Laid out after the workers and native services, so adding a merger never renames their classes; a
 * name already taken keeps what took it in `takenBy`, which the check stage reports (WS1051).
 */
export function layoutInputMergers(
  mergers: readonly InputMergerModel[],
  topLevel: NameAllocator,
): InputMergerLayout[] {
  return mergers.map((m) => {
    const takenBy = topLevel.has(m.name)
      ? (topLevel.ownerOf(m.name) ?? 'another generated class')
      : undefined;
    topLevel.reserve([m.name], `input merger '${m.name}'`);
    return {
      mergerName: m.name,
      fileName: m.name,
      className: m.name,
      ...(takenBy === undefined ? {} : { takenBy }),
    };
  });
}
