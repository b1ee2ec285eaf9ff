import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { parseConfig } from '@server/config';
import { createLogger, resolveLogFormat } from '@server/logger';
import { formatLogLine } from '@server/log-format';

const root = path.resolve(import.meta.dirname, '../..');
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`);

/** A destination that keeps what pino writes, looking like a terminal or not. */
function capture(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, isTTY, write: (chunk: string) => void lines.push(chunk) };
}

describe('log lines for a person at a terminal', () => {
  const time = Date.UTC(2026, 11, 7, 21, 3, 4, 567);

  it('shows time, level, message and the fields as key=value, without the fields every line repeats', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      pid: 42,
      hostname: 'web-1',
      service: 'agora',
      reqId: 'abc-123',
      method: 'GET',
      url: '/api/v1/threads?limit=10',
      status: 200,
      ms: 6,
      msg: 'request',
    });
    expect(formatLogLine(line, { colors: false })).to.equal(
      '21:03:04.567 INFO  request reqId=abc-123 method=GET url=/api/v1/threads?limit=10 status=200 ms=6\n',
    );
  });

  it('quotes values with spaces, writes objects as JSON and puts an error’s stack below, indented', () => {
    const line = JSON.stringify({
      level: 50,
      time,
      msg: 'outbox worker failed',
      note: 'two words',
      context: { attempt: 2 },
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at send (mail.ts:1:1)' },
    });
    expect(formatLogLine(line, { colors: false })).to.equal(
      '21:03:04.567 ERROR outbox worker failed note="two words" context={"attempt":2}\n' +
        '    Error: boom\n' +
        '        at send (mail.ts:1:1)\n',
    );
    const notAnError = JSON.stringify({ level: 40, time, msg: 'e-mail not sent', err: 'connection refused' });
    expect(formatLogLine(notAnError, { colors: false })).to.equal(
      '21:03:04.567 WARN  e-mail not sent error="connection refused"\n',
    );
  });

  it('colours the level only when asked, and passes a line that is not JSON through', () => {
    const line = JSON.stringify({ level: 40, time, msg: 'slow' });
    expect(formatLogLine(line, { colors: true }))
      .to.match(ANSI)
      .and.to.contain('\x1b[33mWARN ');
    expect(formatLogLine(line, { colors: false })).not.to.match(ANSI);
    expect(formatLogLine('plain text', { colors: true })).to.equal('plain text\n');
  });

  it('chooses JSON unless standard output is a terminal, and LOG_FORMAT overrides the choice', () => {
    expect(resolveLogFormat(undefined, true)).to.equal('pretty');
    expect(resolveLogFormat(undefined, false)).to.equal('json');
    expect(resolveLogFormat('json', true)).to.equal('json');
    expect(resolveLogFormat('pretty', false)).to.equal('pretty');
    expect(parseConfig({}).logFormat).to.equal(undefined);
    expect(parseConfig({ LOG_FORMAT: 'json' }).logFormat).to.equal('json');
    expect(() => parseConfig({ LOG_FORMAT: 'yaml' })).to.throw(/LOG_FORMAT/);
  });

  it('writes pino’s JSON lines unchanged, redaction included, where the output is not a terminal', () => {
    const out = capture(false);
    createLogger('info', { destination: out }).info({ user: { password: 'secret' }, n: 1 }, 'hello');
    expect(out.lines).to.have.length(1);
    expect(out.lines[0]).to.match(/^\{.*\}\n$/);
    const entry = JSON.parse(out.lines[0]!) as Record<string, unknown>;
    expect(entry).to.include({ level: 30, service: 'agora', msg: 'hello', n: 1 });
    expect(entry.user).to.deep.equal({ password: '[redacted]' });
  });

  it('writes coloured lines to a terminal unless LOG_FORMAT=json, and plain pretty lines when forced', () => {
    const terminal = capture(true);
    createLogger('info', { destination: terminal }).info({ user: { password: 'secret' } }, 'hello');
    expect(terminal.lines[0]).to.match(ANSI).and.to.contain('hello').and.to.contain('[redacted]');
    expect(terminal.lines[0]).not.to.contain('secret');

    const forcedJson = capture(true);
    createLogger('info', { destination: forcedJson, format: 'json' }).info('hello');
    expect(JSON.parse(forcedJson.lines[0]!)).to.include({ msg: 'hello' });

    const forcedPretty = capture(false);
    createLogger('info', { destination: forcedPretty, format: 'pretty' }).info('hello');
    expect(forcedPretty.lines[0]).to.match(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}hello\n$/);
  });

  it('detects the process’s real standard output: a pipe gets JSON, a terminal pretty lines', function () {
    this.timeout(30_000);
    const script =
      "import { createLogger } from '@server/logger'; createLogger('info').info({ n: 1 }, 'hello');";
    const run = (command: string, args: string[]) =>
      spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, TERM: 'xterm' } });
    const piped = run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(piped.status, piped.stderr).to.equal(0);
    expect(JSON.parse(piped.stdout)).to.include({ msg: 'hello', n: 1 });

    // `script` (util-linux) runs the command on a pseudo-terminal.
    const inScript = `${process.execPath} --import tsx --input-type=module -e "${script}"`;
    const terminal = run('script', ['--quiet', '--return', '--command', inScript, '/dev/null']);
    if (terminal.error) {
      console.log('    (no `script` command: the terminal half is covered by the destination tests above)');
      return;
    }
    expect(terminal.status, terminal.stderr).to.equal(0);
    expect(terminal.stdout)
      .to.match(ANSI)
      .and.to.match(/INFO .*hello.* .*n=.*1/);
    expect(terminal.stdout).not.to.contain('{"level"');
  });
});
