import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@server/errors';
import {
  currentMember,
  freshUntil,
  REAUTH_WINDOW_MS,
  requireFreshProof,
  requireMember,
  requireStaff,
} from '@server/http/guards';

type Guard = (req: Request, res: Response, next: NextFunction) => void;

/** A request as the guards read it: the signed-in member (if any) and the session's last proof. */
const request = (user?: { id: string; role: string }, reauthenticatedAt?: unknown) =>
  ({ user, session: { reauthenticatedAt } }) as unknown as Request;

/** What the guard passed to `next`: undefined to go on, or the error it answers with. */
const outcome = (guard: Guard, req: Request) =>
  new Promise<unknown>((resolve) => {
    guard(req, {} as Response, (error?: unknown) => resolve(error));
  });

const expectError = (error: unknown, status: number, code: string) => {
  expect(error).to.be.instanceOf(AppError);
  expect((error as AppError).status).to.equal(status);
  expect((error as AppError).code).to.equal(code);
};

const member = { id: 'member-1', role: 'member' };
const moderator = { id: 'moderator-1', role: 'moderator' };
const admin = { id: 'admin-1', role: 'admin' };

describe('route guards', () => {
  it('lets members through and refuses visitors (401)', async () => {
    expect(await outcome(requireMember(), request(member))).to.equal(undefined);
    expectError(await outcome(requireMember(), request()), 401, 'unauthenticated');
    expect(currentMember(request(member))).to.equal(member);
    expect(() => currentMember(request())).to.throw(AppError, 'unauthenticated');
  });

  it('lets staff with a second factor through; 401 for visitors, 403 for members and staff without one', async () => {
    const enrolled = new Set(['moderator-1', 'admin-1', 'member-1']);
    const staff = requireStaff({ isEnabled: (id) => Promise.resolve(enrolled.has(id)) });
    expect(await outcome(staff, request(moderator))).to.equal(undefined);
    expect(await outcome(staff, request(admin))).to.equal(undefined);
    expectError(await outcome(staff, request()), 401, 'unauthenticated');
    expectError(await outcome(staff, request(member)), 403, 'forbidden');
    enrolled.delete('moderator-1');
    expectError(await outcome(staff, request(moderator)), 403, 'second_factor_required');
  });

  it('passes on an error reading the second factor', async () => {
    const failure = new Error('the database is gone');
    const staff = requireStaff({ isEnabled: () => Promise.reject(failure) });
    expect(await outcome(staff, request(admin))).to.equal(failure);
  });

  it('holds a proof of identity for ten minutes, to the millisecond', () => {
    const at = Date.parse('2026-12-07T12:00:00Z');
    expect(REAUTH_WINDOW_MS).to.equal(10 * 60 * 1000);
    expect(freshUntil(request(member, at), () => at)).to.equal(at + REAUTH_WINDOW_MS);
    expect(freshUntil(request(member, at), () => at + REAUTH_WINDOW_MS - 1)).to.equal(at + REAUTH_WINDOW_MS);
    expect(freshUntil(request(member, at), () => at + REAUTH_WINDOW_MS)).to.equal(null);
    expect(freshUntil(request(member), () => at)).to.equal(null);
    // Sessions are stored as JSON: anything but a number is no proof.
    expect(freshUntil(request(member, String(at)), () => at)).to.equal(null);
  });

  it('asks for a fresh proof (403) without one, and refuses visitors (401) first', async () => {
    const at = Date.parse('2026-12-07T12:00:00Z');
    const guard = requireFreshProof(() => at + 60_000);
    expect(await outcome(guard, request(member, at))).to.equal(undefined);
    expectError(await outcome(guard, request(member)), 403, 'reauthentication_required');
    expectError(
      await outcome(
        requireFreshProof(() => at + REAUTH_WINDOW_MS),
        request(member, at),
      ),
      403,
      'reauthentication_required',
    );
    expectError(await outcome(guard, request(undefined, at)), 401, 'unauthenticated');
    // Without a clock of its own it reads the real one.
    expect(await outcome(requireFreshProof(), request(member, Date.now()))).to.equal(undefined);
  });
});
