import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.base.mts';

// Each test builds bundles with the codegen (TypeScript + esbuild): seconds, not milliseconds.
export default mergeConfig(base, defineConfig({ test: { name: 'testing', testTimeout: 60_000 } }));
