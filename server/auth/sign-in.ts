import type { Request, Response } from 'express';
import { AppError } from '@server/errors';
import type { Csrf } from '@server/http/csrf';
import { isStaff, type MemberRow, type MemberService } from '@server/members';
import type { PublishEvent } from '@server/events';
import type { SecondFactorRequest } from '@shared/api/security';
import { recordProof } from './reauth';
import { establishSession, regenerateSession } from './session-ops';
import type { TwoFactorService } from './two-factor.service';

/** How long the second-factor step may wait after the password (or provider) step. */
const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000;

interface SignInDeps {
  csrf: Csrf;
  twoFactor: TwoFactorService;
  members: MemberService;
  /** Hands events with no transaction of their own (a session ended in the store) to their listeners. */
  publish: PublishEvent;
}

/** Where a first factor leads: signed in, signed in but staff who must enrol, or awaiting the code. */
export type SignInOutcome = 'signed-in' | 'enrol' | 'pending';

/** The end of every sign-in path: straight in, or on to the second-factor step. */
export function createSignIn(deps: SignInDeps) {
  /**
   * Signs the member in with a new session id, ending the sockets of the session it replaces. Every
   * factor the account has was just given, so this counts as a fresh proof for sensitive actions.
   */
  const signInNow = async (req: Request, res: Response, member: MemberRow) => {
    const previous = req.sessionID;
    await establishSession(req, member);
    recordProof(req);
    if (previous) await deps.publish({ type: 'sessions.ended', sessionIds: [previous] });
    deps.csrf.rotate(req, res);
  };

  return {
    signInNow,

    /**
     * The first factor passed. With a second factor enrolled the session gets a new id and only a pending
     * mark (no member: nothing is reachable yet); otherwise the member is signed in — and staff without
     * a second factor (`enrol`) are to be sent to enrol before anything else.
     */
    async afterFirstFactor(req: Request, res: Response, member: MemberRow): Promise<SignInOutcome> {
      if (!(await deps.twoFactor.isEnabled(member.id))) {
        await signInNow(req, res, member);
        return isStaff(member) ? 'enrol' : 'signed-in';
      }
      const previous = req.sessionID;
      await regenerateSession(req);
      req.session.pendingSignIn = { memberId: member.id, expiresAt: Date.now() + SECOND_FACTOR_WINDOW_MS };
      if (previous) await deps.publish({ type: 'sessions.ended', sessionIds: [previous] });
      deps.csrf.rotate(req, res);
      return 'pending';
    },

    /** Whether this session waits for a second-factor code. */
    isPending(req: Request): boolean {
      const pending = req.session.pendingSignIn;
      return Boolean(pending && pending.expiresAt > Date.now());
    },

    /** The second-factor step: checks the answer, then signs the pending member in. */
    async completeSecondFactor(req: Request, res: Response, answer: SecondFactorRequest): Promise<MemberRow> {
      const pending = req.session.pendingSignIn;
      if (!pending || pending.expiresAt <= Date.now()) {
        delete req.session.pendingSignIn;
        throw new AppError(401, 'second_factor_expired');
      }
      await deps.twoFactor.verify(pending.memberId, answer);
      const member = await deps.members.findById(pending.memberId);
      if (!member) throw new AppError(401, 'second_factor_expired');
      await signInNow(req, res, member);
      return member;
    },
  };
}

/** The sign-in completion helpers. */
export type SignIn = ReturnType<typeof createSignIn>;
