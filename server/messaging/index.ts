/**
 * The public module of the messaging feature: conversations, messages and the messaging privacy settings.
 * Other features import only from here (`@server/messaging`), never its queries, routes or tables; the
 * composition root imports its route handler factories and socket registrations from here too.
 */
export { conversationHandlers } from './conversation.routes';
export { type ConversationService, createConversationService } from './conversation.service';
export { conversationRoomAccess, messagingSocket } from './conversation.socket';
export { createMessageModeration, type MessageModeration } from './message-flag';
export { messageHandlers } from './message.routes';
export { createMessageService, type MessageService } from './message.service';
export { messagingData } from './messaging.data';
export { privacyHandlers } from './privacy.routes';
export { createPrivacyService, type PrivacyService } from './privacy.service';
export { createMessagingLimits, DEFAULT_MESSAGING_LIMITS, type MessagingLimitSizes } from './rate-limits';
