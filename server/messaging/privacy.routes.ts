import type { messagingPrivacyApi } from '@shared/api/messaging';
import type { RouteHandlers } from '@server/http/mount';
import type { PrivacyService } from './privacy.service';

/** Blocks (`/blocks`) and who may start a conversation with the member (`/me/messaging`). */
export function privacyHandlers(privacy: PrivacyService): RouteHandlers<typeof messagingPrivacyApi> {
  return {
    blocks: async ({ member }) => ({ items: await privacy.listBlocked(member) }),
    block: async ({ member, body }) => ({ member: await privacy.block(member, body.memberId) }),
    unblock: async ({ member, params }) => {
      await privacy.unblock(member, params.memberId);
      return undefined;
    },
    settings: ({ member }) => privacy.settings(member),
    saveSettings: ({ member, body }) => privacy.saveSettings(member, body.whoCanMessage),
  };
}
