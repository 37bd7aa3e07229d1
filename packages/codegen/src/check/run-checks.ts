import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { checkConstraintCombinations } from './check-constraint-combinations.js';
import { checkContentUriTriggers } from './check-content-uri-triggers.js';
import { checkDuplicateNames } from './check-duplicate-names.js';
import { checkDuplicateNativeServices } from './check-duplicate-native-services.js';
import { checkDuplicateInputMergers } from './check-duplicate-input-mergers.js';
import { checkHostGlobals } from './check-host-globals.js';
import { checkInputMergerExports } from './check-input-merger-exports.js';
import { checkInputMergerNames } from './check-input-merger-names.js';
import { checkInputSize } from './check-input-size.js';
import { checkNativeMethodAnyMembers } from './check-native-method-any-members.js';
import { checkNativeMethodNames } from './check-native-method-names.js';
import { checkNativeMethodParams } from './check-native-method-params.js';
import { checkNativeMethodReturns } from './check-native-method-returns.js';
import { checkNativeServiceInterface } from './check-native-service-interface.js';
import { checkNativeServiceNames } from './check-native-service-names.js';
import { checkNativeServiceTypes } from './check-native-service-types.js';
import { checkOptionValues } from './check-option-values.js';
import { checkPeriodic } from './check-periodic.js';
import { checkUnsupportedTypes } from './check-unsupported-types.js';
import { checkWorkerName } from './check-worker-name.js';
import { checkWorkerOptions } from './check-worker-options.js';

/**
 * Every check, each a pure `(ir) => Diagnostic[]`. Order does not matter: results are sorted. The one check
 * that needs the layout (`checkInputMergerClasses`) runs after it, in the pipeline.
 */
export const CHECKS: readonly ((ir: ProjectModel) => Diagnostic[])[] = [
  checkWorkerOptions,
  checkWorkerName,
  checkDuplicateNames,
  checkUnsupportedTypes,
  checkOptionValues,
  checkContentUriTriggers,
  checkPeriodic,
  checkConstraintCombinations,
  checkInputSize,
  checkNativeServiceNames,
  checkNativeServiceInterface,
  checkNativeMethodReturns,
  checkNativeServiceTypes,
  checkNativeMethodParams,
  checkNativeMethodNames,
  checkNativeMethodAnyMembers,
  checkDuplicateNativeServices,
  checkHostGlobals,
  checkInputMergerNames,
  checkDuplicateInputMergers,
  checkInputMergerExports,
];

/** Runs every check and returns all diagnostics, sorted by location. */
export function runChecks(ir: ProjectModel): Diagnostic[] {
  return sortDiagnostics(CHECKS.flatMap((check) => check(ir)));
}
