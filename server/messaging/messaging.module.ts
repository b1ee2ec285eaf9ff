import { conversationApi, messageApi, messagingPrivacyApi } from '@shared/api/messaging';
import { apiRoutes, type FeatureModule } from '@server/http/module';
import type { Broadcaster } from '@server/realtime/broadcast';
import type { MemberService } from '@server/members';
import type { ConversationService } from './conversation.service';
import type { MessageService } from './message.service';
import type { PrivacyService } from './privacy.service';
import { conversationHandlers } from './conversation.routes';
import { messageHandlers } from './message.routes';
import { privacyHandlers } from './privacy.routes';
import { messagingLive } from './messaging.live';
import { messagingData } from './messaging.data';
import { conversationRoomAccess, messagingSocket } from './conversation.socket';

/** Direct messages: conversations, messages and who may message whom; conversation rooms on the socket. */
export function messagingModule(deps: {
  conversations: ConversationService;
  messages: MessageService;
  privacy: PrivacyService;
  members: MemberService;
  broadcaster: Broadcaster;
}): FeatureModule {
  return {
    name: 'messaging',
    routes: [
      apiRoutes(conversationApi, conversationHandlers(deps.conversations)),
      apiRoutes(messageApi, messageHandlers(deps.messages)),
      apiRoutes(messagingPrivacyApi, privacyHandlers(deps.privacy)),
    ],
    sockets: [
      messagingSocket({
        conversations: deps.conversations,
        messages: deps.messages,
        members: deps.members,
        broadcaster: deps.broadcaster,
      }),
    ],
    rooms: { conversation: conversationRoomAccess(deps.conversations) },
    events: messagingLive(deps.broadcaster),
    personalData: messagingData(deps.members),
  };
}
