// What the command-line tools (`npm run admin`, `backup`, `restore`) share.
import { ConfigError, loadConfig, type Config } from '@server/config';

/** Ends the command with a message on stderr and an exit status (1: it failed, 2: it was misused). */
export function fail(message: string, status: number): never {
  process.stderr.write(`${message.trimEnd()}\n`);
  process.exit(status);
}

/**
 * The configuration of a tool that works on the embedded database only: a configuration error, or
 * `DATABASE_URL` set (then `otherwise` says what to use for a PostgreSQL server), ends the command
 * with status 2.
 */
export function embeddedConfig(otherwise: string): Config {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  if (config.databaseUrl) fail(`DATABASE_URL is set: ${otherwise}`, 2);
  return config;
}
