/** The local hour from which a member's digest is due (their morning). */
export const DIGEST_HOUR = 8;

/** A wall-clock reading in one time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  date: string;
  hour: number;
  /** ISO weekday: 1 is Monday, 7 Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** What the clock on the wall reads at `instant` in `timeZone` (an IANA name). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? '') + 1,
  };
}

/** Whether a name is a time zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The digest frequencies due at `instant` in a time zone, and the period they belong to (the local
 * date): daily ones every morning from DIGEST_HOUR, weekly ones on Monday mornings. Before the hour,
 * nothing is due. A server that was down all morning catches up later the same local day.
 */
export function dueAt(
  instant: Date,
  timeZone: string,
): { period: string; frequencies: ('daily' | 'weekly')[] } {
  const local = localTime(instant, timeZone);
  if (local.hour < DIGEST_HOUR) return { period: local.date, frequencies: [] };
  return { period: local.date, frequencies: local.weekday === 1 ? ['daily', 'weekly'] : ['daily'] };
}
