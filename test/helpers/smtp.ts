import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A message the loopback SMTP server received, parsed. */
export interface ReceivedMail {
  to: string;
  parsed: ParsedMail;
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Waits until `count` messages matching `match` arrived (or the test's timeout fails it). */
  waitFor(match: (mail: ReceivedMail) => boolean, count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts the server on a free port. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, parsed, raw });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(match, count = 1) {
      for (;;) {
        const found = received.filter(match);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a text part that starts with `prefix`. */
export function linkIn(text: string | undefined, prefix: string): string {
  const found = (text ?? '').split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return found;
}
