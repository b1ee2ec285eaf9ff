import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyDestination } from './log-format';

/** `json`: one JSON object a line (for log collectors); `pretty`: lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** What `LOG_FORMAT` asks for, or, when unset, pretty on a terminal and JSON anywhere else. */
export function resolveLogFormat(setting: LogFormat | undefined, isTerminal: boolean): LogFormat {
  return setting ?? (isTerminal ? 'pretty' : 'json');
}

export interface LoggerOptions {
  /** Default: pretty when standard output is a terminal, JSON otherwise. */
  format?: LogFormat;
  /** Where lines go; default standard output. Colours only when it is a terminal. */
  destination?: DestinationStream & { isTTY?: boolean };
}

/** Creates the process logger; one per process, passed down rather than imported. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const out = options.destination ?? process.stdout;
  const format = resolveLogFormat(options.format, out.isTTY === true);
  const settings = {
    level,
    base: { service: 'agora' },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', '*.password'],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') return pino(settings, prettyDestination(out, { colors: out.isTTY === true }));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

export type { Logger };
