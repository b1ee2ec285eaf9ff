import { pino, type Logger } from 'pino';

/** Creates the process logger; one per process, passed down rather than imported. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'agora' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', '*.password'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
