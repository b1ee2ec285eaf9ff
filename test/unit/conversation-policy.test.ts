import { expect } from 'chai';
import { canEditMessage, canSendAs, isPresent } from '@server/messaging/conversation.policy';

describe('conversation policy', () => {
  it('counts active and requested memberships as present, declined, left and none as absent', () => {
    expect(isPresent({ state: 'active' })).to.equal(true);
    expect(isPresent({ state: 'requested' })).to.equal(true);
    expect(isPresent({ state: 'declined' })).to.equal(false);
    expect(isPresent({ state: 'left' })).to.equal(false);
    expect(isPresent(undefined)).to.equal(false);
  });

  it('lets only active members send', () => {
    expect(canSendAs({ state: 'active' })).to.equal(true);
    for (const state of ['requested', 'declined', 'left'] as const) {
      expect(canSendAs({ state }), state).to.equal(false);
    }
  });

  describe('editing a message', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000);
    const message = (
      over: Partial<{ authorId: string | null; createdAt: Date; deletedAt: Date | null }>,
    ) => ({
      authorId: 'author',
      createdAt: minutesAgo(5),
      deletedAt: null,
      ...over,
    });

    it('lets the author edit within the window, up to its last millisecond', () => {
      expect(canEditMessage(message({}), 'author', 15, now)).to.equal('yes');
      expect(canEditMessage(message({ createdAt: minutesAgo(15) }), 'author', 15, now)).to.equal('yes');
    });

    it('refuses after the window, to anyone but the author, and once deleted', () => {
      const late = new Date(now - 15 * 60_000 - 1);
      expect(canEditMessage(message({ createdAt: late }), 'author', 15, now)).to.equal('too_late');
      expect(canEditMessage(message({}), 'someone else', 15, now)).to.equal('not_author');
      expect(canEditMessage(message({ authorId: null }), 'author', 15, now)).to.equal('not_author');
      expect(canEditMessage(message({ deletedAt: minutesAgo(1) }), 'author', 15, now)).to.equal('deleted');
      // Whose it is comes first: someone else hears the same about a deleted message.
      expect(canEditMessage(message({ deletedAt: minutesAgo(1) }), 'someone else', 15, now)).to.equal(
        'not_author',
      );
    });

    it('reads the clock when no instant is given', () => {
      expect(canEditMessage({ authorId: 'a', createdAt: new Date(), deletedAt: null }, 'a', 15)).to.equal(
        'yes',
      );
      const old = new Date(Date.now() - 16 * 60_000);
      expect(canEditMessage({ authorId: 'a', createdAt: old, deletedAt: null }, 'a', 15)).to.equal(
        'too_late',
      );
    });
  });
});
