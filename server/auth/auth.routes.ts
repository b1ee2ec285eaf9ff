import type { RequestHandler } from 'express';
import type { authApi, LoginResponse } from '@shared/api/auth';
import type { Config } from '@server/config';
import type { Csrf } from '@server/http/csrf';
import { LOCALE_COOKIE } from '@server/http/locale';
import type { RouteHandlers } from '@server/http/mount';
import { isStaff, type MemberRow, type MemberService } from '@server/members';
import type { AuthService } from './auth.service';
import type { AccountEmailService } from './account-email.service';
import type { AgoraPassport } from './passport';
import type { KnownDevices } from './known-device';
import type { PublishEvent } from '@server/events';
import { SESSION_COOKIE } from './session';
import { endSession, establishSession } from './session-ops';
import type { SignIn } from './sign-in';
import type { PresentUser } from './session-user';
import type { TwoFactorService } from './two-factor.service';

interface AuthHandlersDeps {
  config: Config;
  csrf: Csrf;
  passport: AgoraPassport;
  auth: AuthService;
  members: MemberService;
  /** Disconnects the sockets of a session that ended. */
  /** Hands events with no transaction of their own (a session ended in the store) to their listeners. */
  publish: PublishEvent;
  signIn: SignIn;
  twoFactor: TwoFactorService;
  presentUser: PresentUser;
  /** Sends the verification link after registration. */
  accountEmails: AccountEmailService;
  /** Browsers that signed in to an account before, recognised by the sign-in limits. */
  devices: KnownDevices;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Session, sign-in, registration, sign-out and account settings. */
export function authHandlers(deps: AuthHandlersDeps): RouteHandlers<typeof authApi> {
  const { config, csrf, passport, auth, members } = deps;
  const secureCookies = config.baseUrl.startsWith('https://');

  return {
    session: async ({ req, res }) => {
      const body = {
        user: req.user ? await deps.presentUser(req.user) : null,
        csrfToken: csrf.tokenFor(req, res),
        locale: req.locale,
        oidcProviders: config.oidcProviders.map((provider) => ({
          id: provider.id,
          name: provider.name[req.locale],
        })),
        membership: config.membership,
        secondFactorPending: !req.user && deps.signIn.isPending(req),
        twoFactor: req.user
          ? { enabled: await deps.twoFactor.isEnabled(req.user.id), required: isStaff(req.user) }
          : null,
      };
      res.setHeader('Cache-Control', 'no-store');
      return body;
    },

    setLocale: async ({ body: { locale }, req, res }) => {
      res.cookie(LOCALE_COOKIE, locale, {
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: ONE_YEAR_MS,
        path: '/',
      });
      if (req.user) req.user = await members.setLocale(req.user, locale);
      return { locale };
    },

    register: async ({ body, req, res }) => {
      const member = await auth.register(body, { ip: req.ip ?? 'unknown', locale: req.locale });
      await deps.accountEmails.sendVerification(member);
      await establishSession(req, member);
      csrf.rotate(req, res);
      return { user: await deps.presentUser(member) };
    },

    // Passport's local strategy reads the e-mail and password from the (normalized) body.
    login: async ({ body, req, res }): Promise<LoginResponse> => {
      req.body = body;
      const member = await new Promise<MemberRow>((resolve, reject) => {
        const authenticate = passport.authenticate(
          'local',
          { session: false },
          (error: unknown, found: MemberRow | false) => {
            if (error) reject(error instanceof Error ? error : new Error('sign-in failed', { cause: error }));
            else if (!found) reject(new Error('local strategy returned no member'));
            else resolve(found);
          },
        ) as RequestHandler;
        void authenticate(req, res, reject);
      });
      deps.devices.remember(req, res, member.email);
      const outcome = await deps.signIn.afterFirstFactor(req, res, member);
      return outcome === 'pending'
        ? { user: null, secondFactorRequired: true }
        : { user: await deps.presentUser(member), secondFactorRequired: false };
    },

    secondFactor: async ({ body, req, res }) => {
      const member = await deps.signIn.completeSecondFactor(req, res, body);
      return { user: await deps.presentUser(member) };
    },

    logout: async ({ req, res }) => {
      const endedSession = req.sessionID;
      await endSession(req);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      csrf.rotate(req, res);
      await deps.publish({ type: 'sessions.ended', sessionIds: [endedSession] });
      return undefined;
    },

    updateAccount: async ({ body, member, req }) => {
      const updated = await members.updateAccount(member, body);
      req.user = updated;
      return { user: await deps.presentUser(updated) };
    },
  };
}
