#!/usr/bin/env node
// Pins a package's public API: one API Extractor report per entry point of its package.json `exports`,
// committed under <package>/api-report/. Run inside a package directory after its build.
//
//   node ../../tools/api-report.mjs            check: fails when the API differs from the committed report
//   node ../../tools/api-report.mjs --update   rewrite the reports (review the diff, then commit it)
//
// One script rather than one api-extractor.json per entry point, so every package is configured the same way
// and a new `exports` entry is covered without anyone remembering to add a config.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update');
const packageFolder = process.cwd();
const packageJsonFullPath = path.join(packageFolder, 'package.json');
const pkg = JSON.parse(readFileSync(packageJsonFullPath, 'utf8'));
const reportFolder = path.join(packageFolder, 'api-report');
mkdirSync(reportFolder, { recursive: true });

const entries = Object.entries(pkg.exports ?? {}).filter(
  ([subpath, target]) => subpath !== './package.json' && typeof target === 'object' && target.types,
);
if (entries.length === 0) {
  console.error(`${pkg.name}: package.json has no "exports" entry with "types"; nothing to report`);
  process.exit(1);
}

const unscoped = pkg.name.replace(/^@[^/]+\//, '');
let failed = false;
for (const [subpath, target] of entries) {
  const entry = path.join(packageFolder, target.types);
  if (!existsSync(entry)) {
    console.error(`${pkg.name}${subpath.slice(1)}: ${target.types} does not exist; build the package first`);
    process.exit(1);
  }
  const reportFileName = subpath === '.' ? unscoped : `${unscoped}.${subpath.slice(2).replaceAll('/', '-')}`;
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageFolder,
      newlineKind: 'lf',
      mainEntryPointFilePath: entry,
      compiler: { tsconfigFilePath: path.join(packageFolder, 'tsconfig.lib.json') },
      apiReport: {
        enabled: true,
        reportFileName,
        reportFolder,
        reportTempFolder: path.join(packageFolder, 'dist', '.api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The report pins names and signatures; missing release tags are not an error for this project
        // (everything exported is public), and TSDoc style issues are typedoc's and eslint's business.
        extractorMessageReporting: {
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: path.join(packageFolder, 'api-extractor.json'),
    packageJsonFullPath,
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  const label = `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`;
  if (result.apiReportChanged && !update) {
    console.error(
      `${label}: the public API differs from api-report/${reportFileName}.api.md.\n` +
        `  If the change is intended, run \`npm run api:update\` and commit the report with the change.`,
    );
    failed = true;
  } else if (!result.succeeded) {
    console.error(`${label}: API Extractor reported ${result.errorCount} error(s)`);
    failed = true;
  } else {
    console.log(
      `${label}: api-report/${reportFileName}.api.md ${result.apiReportChanged ? 'updated' : 'up to date'}`,
    );
  }
}
process.exit(failed ? 1 : 0);
