import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { MemberService } from '@server/members';
import type { AuthService } from './auth.service';
import type { KnownDevices } from './known-device';
import type { Request } from 'express';

/**
 * A Passport instance of our own (not the global singleton, so several apps can live in one process):
 * the local strategy, and a session that stores only the member id.
 */
export function createPassport(auth: AuthService, members: MemberService, devices: KnownDevices) {
  const passport = new Passport();
  passport.use(
    'local',
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: true },
      (req: Request, email: string, password: string, done) => {
        const ctx = { ip: req.ip ?? 'unknown', locale: req.locale, device: devices.recognise(req, email) };
        auth.authenticate({ email, password }, ctx).then(
          (member) => done(null, member),
          (error: unknown) => done(error),
        );
      },
    ),
  );
  passport.serializeUser((member, done) => done(null, member.id));
  passport.deserializeUser((id: unknown, done) => {
    if (typeof id !== 'string') return done(null, false);
    // A deleted account ends its sessions: `false` signs the request out.
    members.findById(id).then(
      (member) => done(null, member ?? false),
      (error: unknown) => done(error),
    );
  });
  return passport;
}

/** The app's Passport instance. */
export type AgoraPassport = ReturnType<typeof createPassport>;
