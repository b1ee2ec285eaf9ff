import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { startAgora, type RunningAgora, type StartOptions } from './server';
import type { SeedReport } from './seed/demo';

function printWelcome(url: string, config: Config, report: SeedReport | undefined): void {
  const lines = [
    ``,
    `  Ágora is running at ${url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded, stored in ${config.dataDir}`}`,
  ];
  if (report) {
    lines.push(
      ``,
      `  Demo accounts${report.seeded ? ' (just created)' : ''} — password for all: ${report.password}`,
    );
    for (const account of report.accounts.slice(0, 4)) {
      lines.push(`    ${account.role.padEnd(9)} ${account.email.padEnd(28)} ${account.displayName}`);
    }
    lines.push(`    … and ${report.accounts.length - 4} more members (see server/seed/demo-data.ts)`);
  }
  lines.push(``);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function devClient(config: Config): Promise<StartOptions['clientMiddleware']> {
  if (!config.clientDevServer) return undefined;
  const { createServer } = await import('vite');
  return async (server) => {
    const vite = await createServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' });
    return vite.middlewares;
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, { format: config.logFormat });
  let running: RunningAgora;
  try {
    running = await startAgora(config, logger, { clientMiddleware: await devClient(config) });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
  printWelcome(running.url, config, running.seedReport);

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
