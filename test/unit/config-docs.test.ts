import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { CONFIG_VARIABLES, parseConfig } from '@server/config';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The README's configuration table: variable → its "default" cell. */
function readmeDefaults(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of read('README.md').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([A-Z][A-Z0-9_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name && cells.length >= 5) rows.set(name, cells[2] ?? '');
  }
  return rows;
}

/** `.env.example`: variable → the comment paragraph it stands in. */
function envExampleComments(): Map<string, string> {
  const comments = new Map<string, string>();
  let paragraph: string[] = [];
  for (const line of read('.env.example').split('\n')) {
    const variable = /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1];
    if (!line.trim()) paragraph = [];
    else if (variable) comments.set(variable, paragraph.join(' '));
    else if (line.startsWith('#')) paragraph.push(line.replace(/^#\s?/, ''));
  }
  return comments;
}

describe('configuration documentation', () => {
  it('documents every variable the server reads in the README table and in .env.example', () => {
    const readme = readmeDefaults();
    const example = envExampleComments();
    for (const name of CONFIG_VARIABLES) {
      expect(readme.has(name), `README configuration table lacks ${name}`).to.equal(true);
      expect(example.has(name), `.env.example lacks ${name}`).to.equal(true);
    }
  });

  it('says what the code does with SEED_DEMO: on for the embedded database, off with DATABASE_URL', () => {
    expect(parseConfig({}).seedDemo).to.equal(true);
    expect(
      parseConfig({ DATABASE_URL: 'postgres://db.example/agora', SESSION_SECRET: 'x'.repeat(32) }).seedDemo,
    ).to.equal(false);
    const documented = [readmeDefaults().get('SEED_DEMO') ?? '', envExampleComments().get('SEED_DEMO') ?? ''];
    for (const text of documented) {
      expect(text)
        .to.match(/true/)
        .and.to.match(/false/)
        .and.to.match(/DATABASE_URL/);
    }
  });
});
