import type { DestinationStream } from 'pino';

/** pino's numeric levels and how a terminal shows them. */
const LEVELS: Record<number, { label: string; color: string }> = {
  10: { label: 'TRACE', color: '\x1b[90m' },
  20: { label: 'DEBUG', color: '\x1b[34m' },
  30: { label: 'INFO ', color: '\x1b[32m' },
  40: { label: 'WARN ', color: '\x1b[33m' },
  50: { label: 'ERROR', color: '\x1b[31m' },
  60: { label: 'FATAL', color: '\x1b[41m\x1b[97m' },
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** Fields every line carries that a person at a terminal does not need repeated. */
const OMITTED = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

function showValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

function clock(time: unknown): string {
  const date = new Date(typeof time === 'number' ? time : Date.now());
  // UTC, as the JSON lines and the database are.
  return date.toISOString().slice(11, 23);
}

interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
}

/**
 * One of pino's JSON lines as a person reads it: `12:03:04.567 INFO  message key=value …`, the
 * error's stack below it, indented. A line that is not JSON is returned as it came.
 */
export function formatLogLine(line: string, options: { colors: boolean }): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const paint = (color: string, text: string) => (options.colors ? `${color}${text}${RESET}` : text);
  const level = LEVELS[entry.level as number] ?? { label: String(entry.level).padEnd(5), color: '' };
  // pino serializes an Error as { type, message, stack, … }; anything else logged as `err` stays a field.
  const err =
    typeof entry.err === 'object' && entry.err !== null ? (entry.err as SerializedError) : undefined;
  if (!err && entry.err !== undefined) entry = { ...entry, error: entry.err };
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  const fields = Object.entries(entry)
    .filter(([key, value]) => !OMITTED.has(key) && value !== undefined)
    .map(([key, value]) => `${paint(DIM, `${key}=`)}${showValue(value)}`);
  if (err?.message && !err.stack) fields.push(`${paint(DIM, 'err=')}${showValue(err.message)}`);
  const head = [paint(DIM, clock(entry.time)), paint(level.color, level.label), message, ...fields]
    .filter(Boolean)
    .join(' ');
  const stack = err?.stack ? `\n${err.stack.replace(/^/gm, '    ')}` : '';
  return `${head}${stack}\n`;
}

/** A pino destination that writes each line formatted for a person to `out`. */
export function prettyDestination(out: DestinationStream, options: { colors: boolean }): DestinationStream {
  return {
    write(chunk: string) {
      // pino writes one line per call, ending with a newline.
      out.write(formatLogLine(chunk.replace(/\n$/, ''), options));
    },
  };
}
