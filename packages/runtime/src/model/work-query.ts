import type { WorkState } from '@workscript/api';

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
