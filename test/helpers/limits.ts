import { expect } from 'chai';
import { AppError } from '@server/errors';

/** What `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return expect.fail('expected a rejection');
}

/** The wait a limit's refusal (429 `rate_limited`) asks for, in seconds. */
export async function retryAfter(promise: Promise<unknown>): Promise<number> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(AppError);
  expect((error as AppError).status).to.equal(429);
  expect((error as AppError).code).to.equal('rate_limited');
  return (error as AppError).retryAfterSeconds ?? 0;
}
