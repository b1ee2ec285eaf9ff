import fc from 'fast-check';
import { CLIENT_EVENTS } from '@shared/events';

/**
 * Malformed traffic for the socket endpoint, as frames of a raw WebSocket (see `WireSocket`), each with
 * what the server must do about it:
 * - `drop`: the packet breaks the protocol or the contract's list of events; the server closes that
 *   connection (and only that one);
 * - `refuse`: a well-formed event of the contract whose payload is wrong; the server answers through the
 *   ack with the error envelope (`ok: false`) and the connection stays open, as an HTTP 400 would.
 */
export interface FuzzCase {
  kind: string;
  /** Sent in order on one connection. */
  frames: (string | Buffer)[];
  expect: 'drop' | 'refuse';
}

/** The server's limit on one packet (`maxHttpBufferSize` in server/realtime/io.ts). */
export const PACKET_LIMIT = 64 * 1024;

const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
const KNOWN = Object.keys(CLIENT_EVENTS) as (keyof typeof CLIENT_EVENTS)[];

/** A case's frames as a failure report shows them: long ones cut, binary ones by size. */
export function showFrames(fuzz: FuzzCase): string {
  const shown = fuzz.frames.map((frame) =>
    typeof frame === 'string'
      ? frame.length > 200
        ? `${frame.slice(0, 200)}… (${frame.length} characters)`
        : frame
      : `<${frame.length} bytes>`,
  );
  return `${fuzz.kind} ${JSON.stringify(shown)}`;
}

/** A case that prints itself briefly in fast-check's counterexamples. */
const fuzzed = (fuzz: FuzzCase): FuzzCase =>
  Object.assign(fuzz, { [fc.toStringMethod]: () => showFrames(fuzz) });

const drop = (kind: string, ...frames: (string | Buffer)[]): FuzzCase =>
  fuzzed({ kind, frames, expect: 'drop' });

/** An optional ack id, as the digits between the packet type and the JSON. */
const ackId = fc.option(fc.nat({ max: 1_000_000 }).map(String), { nil: '' }).map((id) => id ?? '');

/** Text that is not JSON, and does not start like an ack id or a namespace (which would change its reading). */
const notJson = fc
  .oneof(
    fc.constantFrom('[', '["thread:watch"', '{}]', '[1,]', "['a']", '[undefined]', '["a",}', 'nul', '"'),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
  .filter((text) => {
    if (/^[0-9/]/.test(text)) return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** JSON that parses but is not an event: `[name, ...args]` with a string or number name. */
const notAnEvent = fc
  .oneof(
    fc.jsonValue().filter((value) => !Array.isArray(value)),
    fc.constant([]),
    fc.tuple(
      fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
        fc.constantFrom(...RESERVED),
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  )
  .map((value) => JSON.stringify(value));

/** An event name the contract does not list: any string (reserved names aside), a server event, a number. */
const unknownName = fc.oneof(
  fc.string({ maxLength: 30 }).filter((name) => !KNOWN.includes(name as never) && !RESERVED.includes(name)),
  fc.constantFrom('hello', 'message:created', 'post:created', 'moderation:queue', 'THREAD:WATCH', 'typing '),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Payloads a known event's schema refuses. */
const badPayloadFor = (event: keyof typeof CLIENT_EVENTS) =>
  fc
    .oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ threadId: fc.jsonValue({ maxDepth: 1 }) }),
      fc.record({ conversationId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
      fc.record({ threadId: fc.uuid(), extra: fc.jsonValue({ maxDepth: 1 }) }),
    )
    .filter((payload) => !CLIENT_EVENTS[event].payload.safeParse(payload).success);

/** Every kind of malformed traffic, as weighted generators of cases. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  // Engine.IO: a packet type that does not exist, or nothing at all.
  fc
    .tuple(
      fc.constantFrom('7', '8', '9', 'x', '{', '[', ' ', '\u0000', 'é', '-'),
      fc.string({ maxLength: 40 }),
    )
    .map(([type, rest]) => drop('engine.io: unknown packet type', type + rest)),
  fc.constant(drop('engine.io: empty frame', '')),
  // Engine.IO: a ping from the client (only the server pings in protocol 4).
  fc.string({ maxLength: 20 }).map((rest) => drop('engine.io: ping from the client', `2${rest}`)),
  // Socket.IO: a packet type that does not exist, or an empty message (read as a second CONNECT to the
  // namespace already joined). Not a space: `Number(' ')` is 0, so ` /x` is a CONNECT to namespace `/x`,
  // which is answered with a CONNECT_ERROR and is no protocol violation.
  fc
    .tuple(fc.constantFrom('', '7', '8', '9', 'a', '-', '{', 'x'), fc.string({ maxLength: 40 }))
    .map(([type, rest]) => drop('socket.io: unknown packet type', `4${type}${type ? rest : ''}`)),
  // Socket.IO: an event with no payload, a payload that is not JSON, JSON that is not an event.
  fc.constant(drop('socket.io: event without payload', '42')),
  fc.tuple(ackId, notJson).map(([id, text]) => drop('socket.io: event that is not JSON', `42${id}${text}`)),
  fc
    .tuple(ackId, notAnEvent)
    .map(([id, json]) => drop('socket.io: JSON that is not an event', `42${id}${json}`)),
  // The contract: an event name it does not list.
  {
    weight: 4,
    arbitrary: fc
      .tuple(ackId, unknownName, fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }))
      .map(([id, name, args]) =>
        drop('contract: unknown event name', `42${id}${JSON.stringify([name, ...args])}`),
      ),
  },
  // Socket.IO: a namespace this connection never joined.
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((name) => !name.includes(','))
    .map((name) => drop('socket.io: namespace not joined', `42/${name},["thread:watch",{}]`)),
  // Socket.IO: binary events with a bad attachment count, or text where an attachment was due.
  fc
    .constantFrom('', 'abc', '0', '-1', '11', '1.5', '99999999999999999999')
    .map((count) => drop('socket.io: bad attachment count', `45${count}-["thread:watch",{}]`)),
  fc.constant(
    drop(
      'socket.io: text instead of an attachment',
      '451-["thread:watch",{"_placeholder":true,"num":0}]',
      '42["thread:watch",{}]',
    ),
  ),
  // Binary frames that no event announced, raw or base64 in a text frame.
  fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .map((bytes) => drop('binary: unannounced', Buffer.from(bytes))),
  fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .map((bytes) => drop('binary: unannounced base64', `b${Buffer.from(bytes).toString('base64')}`)),
  // Past the size limit, as text or binary.
  fc
    .nat({ max: 64 * 1024 })
    .map((extra) =>
      drop('oversized: text', `42["thread:watch",{"threadId":"${'x'.repeat(PACKET_LIMIT + extra)}"}]`),
    ),
  fc
    .nat({ max: 16 * 1024 })
    .map((extra) => drop('oversized: binary', Buffer.alloc(PACKET_LIMIT + 1 + extra, 0x34))),
  // Deep nesting, inside the size limit.
  fc
    .integer({ min: 100, max: 30_000 })
    .map((depth) => drop('deeply nested', `42${'['.repeat(depth)}${']'.repeat(depth)}`)),
  // A known event with a payload its schema refuses, asking for an ack.
  {
    weight: 4,
    arbitrary: fc.constantFrom(...KNOWN).chain((event) =>
      fc.tuple(fc.nat({ max: 1_000_000 }), badPayloadFor(event)).map(([id, payload]) =>
        fuzzed({
          kind: 'contract: bad payload of a known event',
          frames: [`42${id}${JSON.stringify([event, payload])}`],
          expect: 'refuse',
        }),
      ),
    ),
  },
);

/** The ack id a `refuse` case asked for. */
export function ackIdOf(fuzz: FuzzCase): string {
  const frame = fuzz.frames[0];
  return typeof frame === 'string' ? (/^42(\d+)/.exec(frame)?.[1] ?? '') : '';
}
