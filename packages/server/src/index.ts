import 'reflect-metadata';

export { createApp, apiSchema, type App, type AppOptions } from './app';
export { loadConfig, type Config } from './config';
export { Database } from './db/database';
export { openDatabase } from './db/open';
export { createLogger } from './logger';
export { entities, migrations, modules } from './modules';
export { seedDemo } from './seed/seed';
export { startEmbeddedPostgres } from './db/embedded-postgres';
export { launchTestPlatform } from './testing';
export { PluginHost } from './host/host';
