import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { loginSchema, registerSchema, type AuthResponse, type LoginResponse } from '@shared/api/auth';
import { secondFactorSchema } from '@shared/api/security';
import { setLocaleSchema, type SessionResponse } from '@shared/api/session';
import { updateAccountSchema } from '@shared/api/account';
import type { Config } from '@server/config';
import type { Csrf } from '@server/http/csrf';
import { LOCALE_COOKIE } from '@server/http/locale';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { MemberRow } from '@server/members/member.queries';
import type { MemberService } from '@server/members/member.service';
import type { AuthService } from './auth.service';
import type { AccountEmailService } from './account-email.service';
import type { AgoraPassport } from './passport';
import type { Broadcaster } from '@server/realtime/broadcast';
import { SESSION_COOKIE } from './session';
import { endSession, establishSession } from './session-ops';
import type { SignIn } from './sign-in';
import type { PresentUser } from './session-user';
import type { TwoFactorService } from './two-factor.service';
import { isStaff } from '@server/members/member.policy';

interface AuthRoutesDeps {
  config: Config;
  csrf: Csrf;
  passport: AgoraPassport;
  auth: AuthService;
  members: MemberService;
  /** Disconnects the sockets of a session that ended. */
  broadcaster: Broadcaster;
  signIn: SignIn;
  twoFactor: TwoFactorService;
  presentUser: PresentUser;
  /** Sends the verification link after registration. */
  accountEmails: AccountEmailService;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Session, sign-in, registration, sign-out and account settings. */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const { config, csrf, passport, auth, members } = deps;
  const router = Router();
  const secureCookies = config.baseUrl.startsWith('https://');

  router.get('/session', async (req, res) => {
    const body: SessionResponse = {
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
    res.json(body);
  });

  router.put('/session/locale', async (req, res) => {
    const { locale } = parseInput(setLocaleSchema, req.body);
    res.cookie(LOCALE_COOKIE, locale, {
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: ONE_YEAR_MS,
      path: '/',
    });
    if (req.user) req.user = await members.setLocale(req.user, locale);
    res.json({ locale });
  });

  router.post('/auth/register', async (req, res) => {
    const input = parseInput(registerSchema, req.body);
    const member = await auth.register(input, { ip: req.ip ?? 'unknown', locale: req.locale });
    await deps.accountEmails.sendVerification(member);
    await establishSession(req, member);
    csrf.rotate(req, res);
    const body: AuthResponse = { user: await deps.presentUser(member) };
    res.status(201).json(body);
  });

  router.post('/auth/login', (req: Request, res: Response, next: NextFunction) => {
    req.body = parseInput(loginSchema, req.body);
    const authenticate = passport.authenticate(
      'local',
      { session: false },
      (error: unknown, member: MemberRow | false) => {
        if (error) return next(error);
        if (!member) return next(new Error('local strategy returned no member'));
        deps.signIn
          .afterFirstFactor(req, res, member)
          .then(async (outcome) => {
            const body: LoginResponse =
              outcome === 'pending'
                ? { user: null, secondFactorRequired: true }
                : { user: await deps.presentUser(member), secondFactorRequired: false };
            res.json(body);
          })
          .catch(next);
      },
    ) as RequestHandler;
    void authenticate(req, res, next);
  });

  router.post('/auth/login/second-factor', async (req, res) => {
    const answer = parseInput(secondFactorSchema, req.body);
    const member = await deps.signIn.completeSecondFactor(req, res, answer);
    const body: AuthResponse = { user: await deps.presentUser(member) };
    res.json(body);
  });

  router.post('/auth/logout', async (req, res) => {
    const endedSession = req.sessionID;
    await endSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    csrf.rotate(req, res);
    deps.broadcaster.disconnectSession(endedSession);
    res.status(204).end();
  });

  router.patch('/me', requireMember(), async (req, res) => {
    const input = parseInput(updateAccountSchema, req.body);
    const member = await members.updateAccount(currentMember(req), input);
    req.user = member;
    const body: AuthResponse = { user: await deps.presentUser(member) };
    res.json(body);
  });

  return router;
}
