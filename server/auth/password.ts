import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import type { FieldIssue } from '@server/errors';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under isolated modules).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id at OWASP parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown account, or one without a password) it still
 * verifies against a dummy hash, so the answer takes as long as for a real account.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('agora-timing-equalizer');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

const BASE_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passw',
  'pass',
  'contraseña',
  'contrasena',
  'clave',
  'senha',
  'motdepasse',
  'mdp',
  'qwerty',
  'azerty',
  'qwertz',
  'asdf',
  'abc',
  'abcd',
  'admin',
  'administrator',
  'administrador',
  'welcome',
  'bienvenido',
  'bemvindo',
  'bienvenue',
  'letmein',
  'iloveyou',
  'teamo',
  'teamo',
  'agora',
  'gobierno',
  'governo',
  'gouvernement',
  'login',
  'user',
  'usuario',
  'test',
  'secret',
  'secreto',
  'segredo',
]);

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list of common passwords (`common-passwords.txt`, copied beside the bundle). */
function loadCommonPasswords(): ReadonlySet<string> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt');
  const lines = readFileSync(file, 'utf8').split('\n');
  return new Set(
    lines.map((line) => line.trim().toLowerCase()).filter((line) => line && !line.startsWith('#')),
  );
}

/**
 * The rules beyond length (which the shared schema checks): not a common password, and not built
 * around the account's own e-mail name. Returns the problem, or undefined when the password is fine.
 */
export function passwordProblem(password: string, email: string): FieldIssue | undefined {
  commonPasswords ??= loadCommonPasswords();
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return { code: 'password_common' };
  // A base word padded with digits and symbols ("Contraseña2024!") is guessed as fast as the word.
  const core = lowered.replace(/[^\p{L}]+/gu, '');
  if (core === '' || BASE_WORDS.has(core)) return { code: 'password_common' };
  if (new Set(lowered).size <= 2) return { code: 'password_common' };
  const localPart = email.split('@')[0] ?? '';
  if (localPart.length >= 4 && lowered.includes(localPart.toLowerCase()))
    return { code: 'password_contains_email' };
  return undefined;
}
