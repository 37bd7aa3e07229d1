import { InvalidWorkRequestError } from '../errors.js';
import { describeValue } from '../internal/describe-value.js';
import { isPlainObject } from '../internal/is-plain-object.js';
import { resolveCommonFields, resolveOneTimeFields } from './check-request-fields.js';
import { resolvePeriodicSchedule } from './periodic.js';
import type { OneTimeWorkDefaults, PeriodicSchedule, WorkRequestDefaults } from './work-request-options.js';

const silent = (): void => undefined;

/**
 * Checks a worker definition's request defaults with the same rules requests get, so a bad default fails
 * when the worker is defined rather than at its first enqueue. Clamping warnings wait for the request.
 */
export function checkRequestDefaults(
  defaults: WorkRequestDefaults & OneTimeWorkDefaults & { readonly periodic?: PeriodicSchedule },
): void {
  const common = resolveCommonFields(defaults, 0, silent);
  resolveOneTimeFields(defaults, common);
  if (defaults.periodic !== undefined) {
    if (!isPlainObject(defaults.periodic))
      throw new InvalidWorkRequestError(
        'periodic',
        `${describeValue(defaults.periodic)} is not valid; use { intervalMs, flexMs? }, or leave periodic out`,
      );
    resolvePeriodicSchedule(
      { intervalMs: defaults.periodic.intervalMs, flexMs: defaults.periodic.flexMs },
      'periodic',
      silent,
    );
    if (defaults.expedited !== undefined) {
      throw new InvalidWorkRequestError(
        'expedited',
        'periodic work cannot be expedited; remove expedited or periodic',
      );
    }
  }
}
