import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.base.mts';

export default mergeConfig(base, defineConfig({ test: { name: 'codegen' } }));
