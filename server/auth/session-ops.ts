import type { Request } from 'express';
import type { MemberRow } from '@server/members';
import { approximateIp } from './device';
import './session-data';

/** Adapts a Node-style callback API to a promise. */
export function settle(run: (done: (error: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) =>
    run((error) =>
      error
        ? reject(error instanceof Error ? error : new Error('session operation failed', { cause: error }))
        : resolve(),
    ),
  );
}

/** How often a session's "last seen" is written: more often would write on every request. */
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

/**
 * Signs the member in on this request. Passport regenerates the session id first (so a session fixed
 * before is worthless after, and a pending second-factor step is dropped); then the device is noted
 * for the sessions list.
 */
export async function establishSession(req: Request, member: MemberRow): Promise<void> {
  await settle((done) => req.login(member, done));
  const now = new Date().toISOString();
  req.session.device = {
    userAgent: (req.get('user-agent') ?? '').slice(0, 400),
    approximateIp: approximateIp(req.ip),
    signedInAt: now,
    lastSeenAt: now,
  };
}

/** A new session id for an anonymous step (the password passed, the second factor is pending). */
export function regenerateSession(req: Request): Promise<void> {
  return settle((done) => req.session.regenerate(done));
}

/** Signs out and forgets the session. */
export async function endSession(req: Request): Promise<void> {
  if (req.user) await settle((done) => req.logout(done));
  await settle((done) => req.session.destroy(done));
}

/** Middleware: refreshes the signed-in session's "last seen" now and then. */
export function touchSession(req: Request, _res: unknown, next: () => void): void {
  const device = req.user ? req.session.device : undefined;
  if (device && Date.now() - Date.parse(device.lastSeenAt) > LAST_SEEN_EVERY_MS) {
    device.lastSeenAt = new Date().toISOString();
    device.approximateIp = approximateIp(req.ip);
  }
  next();
}
