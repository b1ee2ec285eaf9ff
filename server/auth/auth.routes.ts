import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { loginSchema, registerSchema, type AuthResponse } from '@shared/api/auth';
import { setLocaleSchema, type SessionResponse } from '@shared/api/session';
import { updateAccountSchema } from '@shared/api/account';
import type { Config } from '@server/config';
import type { Csrf } from '@server/http/csrf';
import { LOCALE_COOKIE } from '@server/http/locale';
import { parseInput } from '@server/http/validate';
import { currentMember, requireMember } from '@server/http/guards';
import type { MemberRow } from '@server/members/member.queries';
import type { MemberService } from '@server/members/member.service';
import { presentSessionUser } from '@server/members/member.presenter';
import type { AuthService } from './auth.service';
import type { AgoraPassport } from './passport';
import type { Broadcaster } from '@server/realtime/broadcast';
import { SESSION_COOKIE } from './session';

interface AuthRoutesDeps {
  config: Config;
  csrf: Csrf;
  passport: AgoraPassport;
  auth: AuthService;
  members: MemberService;
  /** Disconnects the sockets of a session that ended. */
  broadcaster: Broadcaster;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** Adapts a Node-style callback API to a promise. */
function settle(run: (done: (error: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) =>
    run((error) =>
      error
        ? reject(error instanceof Error ? error : new Error('session operation failed', { cause: error }))
        : resolve(),
    ),
  );
}

// Passport regenerates the session id at sign-in, so a session fixed before it is worthless after.
const logIn = (req: Request, member: MemberRow) => settle((done) => req.login(member, done));
const logOut = (req: Request) => settle((done) => req.logout(done));
const destroySession = (req: Request) => settle((done) => req.session.destroy(done));

/** Session, sign-in, registration, sign-out and account settings. */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const { config, csrf, passport, auth, members } = deps;
  const router = Router();
  const secureCookies = config.baseUrl.startsWith('https://');

  router.get('/session', (req, res) => {
    const body: SessionResponse = {
      user: req.user ? presentSessionUser(req.user) : null,
      csrfToken: csrf.tokenFor(req, res),
      locale: req.locale,
      oidcProviders: [],
      membership: config.membership,
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
    await logIn(req, member);
    csrf.rotate(req, res);
    const body: AuthResponse = { user: presentSessionUser(member) };
    res.status(201).json(body);
  });

  router.post('/auth/login', (req: Request, res: Response, next: NextFunction) => {
    req.body = parseInput(loginSchema, req.body);
    const previousSession = req.sessionID;
    const authenticate = passport.authenticate(
      'local',
      { session: false },
      (error: unknown, member: MemberRow | false) => {
        if (error) return next(error);
        if (!member) return next(new Error('local strategy returned no member'));
        logIn(req, member)
          .then(() => {
            if (previousSession) deps.broadcaster.disconnectSession(previousSession);
            csrf.rotate(req, res);
            const body: AuthResponse = { user: presentSessionUser(member) };
            res.json(body);
          })
          .catch(next);
      },
    ) as RequestHandler;
    void authenticate(req, res, next);
  });

  router.post('/auth/logout', async (req, res) => {
    const endedSession = req.sessionID;
    if (req.user) await logOut(req);
    await destroySession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    csrf.rotate(req, res);
    deps.broadcaster.disconnectSession(endedSession);
    res.status(204).end();
  });

  router.patch('/me', requireMember(), async (req, res) => {
    const input = parseInput(updateAccountSchema, req.body);
    const member = await members.updateAccount(currentMember(req), input);
    req.user = member;
    const body: AuthResponse = { user: presentSessionUser(member) };
    res.json(body);
  });

  return router;
}
