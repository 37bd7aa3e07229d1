import { WORK_STATES, type WorkState } from '@workscript/api';
import { InvalidWorkQueryError } from '../errors.js';

/**
 * `WorkQuery`: values inside one list are OR-ed, different lists are AND-ed. At least one list must be
 * non-empty (androidx's `WorkQuery.Builder.build()` rule).
 */
export interface WorkQuery {
  /** Match any of these ids. Default: no id filter. */
  readonly ids?: readonly string[];
  /** Match work linked to any of these unique names. Default: no name filter. */
  readonly uniqueWorkNames?: readonly string[];
  /** Match work carrying any of these tags. Default: no tag filter. */
  readonly tags?: readonly string[];
  /** Match work in any of these states. Default: no state filter. */
  readonly states?: readonly WorkState[];
}

const STRING_LISTS = ['ids', 'uniqueWorkNames', 'tags'] as const;

/**
 * Checks a query as `WorkQuery.Builder.build()` would, plus the types TypeScript cannot enforce at run time,
 * and returns a frozen copy: a caller that changes its object later does not change a running watch.
 * @throws InvalidWorkQueryError naming the field and what is valid.
 */
export function checkWorkQuery(query: WorkQuery): WorkQuery {
  const copy: Record<string, readonly string[]> = {};
  for (const field of [...STRING_LISTS, 'states'] as const) {
    const list: unknown = query[field];
    if (list === undefined) continue;
    if (!Array.isArray(list))
      throw new InvalidWorkQueryError(`${field} must be an array, not ${JSON.stringify(list)}`);
    for (const value of list as unknown[]) {
      if (field === 'states' ? !WORK_STATES.includes(value as WorkState) : typeof value !== 'string')
        throw new InvalidWorkQueryError(
          field === 'states'
            ? `states holds ${JSON.stringify(value)}; valid states are ${WORK_STATES.join(', ')}`
            : `${field} holds ${JSON.stringify(value)}; it must hold strings`,
        );
    }
    copy[field] = Object.freeze([...(list as string[])]);
  }
  if (Object.values(copy).every((l) => l.length === 0)) throw new InvalidWorkQueryError();
  return Object.freeze(copy) as WorkQuery;
}
