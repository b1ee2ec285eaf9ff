import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ConversationDto, MessageDto } from '@shared/api/messaging';
import type { Locale } from '@shared/constants';
import { getTestApp } from './app';
import { buildMember, type BuiltMember } from './factories';
import { ApiClient } from './http';
import { connectSocket, sessionCookieFrom, type ClientSocket } from './sockets';

/** A member signed in through the API, with their client and session cookie. */
export interface SignedIn extends BuiltMember {
  client: ApiClient;
  cookie: string;
}

/** Builds a member and signs them in on `url` (the shared app by default). */
export async function signedInMember(url?: string, locale?: Locale): Promise<SignedIn> {
  const base = url ?? (await getTestApp()).url;
  const member = await buildMember(locale ? { locale } : {});
  const client = new ApiClient(base, undefined, locale);
  const res = await client.signIn(member.email, member.password);
  expect(res.status).to.equal(200);
  return { ...member, client, cookie: sessionCookieFrom(res) };
}

/** Signs an existing member in again on another app (after a restart, on another process). */
export async function signInAgain(url: string, member: BuiltMember): Promise<SignedIn> {
  const client = new ApiClient(url);
  const res = await client.signIn(member.email, member.password);
  expect(res.status).to.equal(200);
  return { ...member, client, cookie: sessionCookieFrom(res) };
}

/** Starts a conversation through the API and expects success. */
export async function startConversation(
  from: SignedIn,
  to: { id: string }[],
  extra: { title?: string; body?: string } = {},
): Promise<{ conversation: ConversationDto; message?: MessageDto }> {
  const res = await from.client.send('post', '/api/v1/conversations', {
    memberIds: to.map((m) => m.id),
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
  return res.body as { conversation: ConversationDto; message?: MessageDto };
}

/** A direct conversation `a` started with `b`, which `b` accepted: both may write. */
export async function acceptedConversation(
  a: SignedIn,
  b: SignedIn,
  body = 'Hola',
): Promise<ConversationDto> {
  const { conversation } = await startConversation(a, [b], { body });
  const res = await b.client.send('post', `/api/v1/conversations/${conversation.id}/accept`);
  expect(res.status).to.equal(200);
  return conversation;
}

/** Sends a message with a fresh clientId and expects it stored. */
export async function sendMessage(from: SignedIn, conversationId: string, body: string): Promise<MessageDto> {
  const res = await from.client.send('post', `/api/v1/conversations/${conversationId}/messages`, {
    body,
    clientId: randomUUID(),
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return (res.body as { message: MessageDto }).message;
}

/** Opens a signed-in socket for a member (its rooms are joined once this resolves). */
export async function memberSocket(url: string, member: SignedIn): Promise<ClientSocket> {
  const { socket, hello } = await connectSocket(url, { cookie: member.cookie });
  expect(hello.userId).to.equal(member.id);
  return socket;
}

/** Resolves with the next payload of an event, or rejects after `ms`. */
export function nextEvent<T>(socket: ClientSocket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    (socket as unknown as { once(e: string, f: (p: T) => void): void }).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
