// The smallest part of the POSIX ustar format that backups need: regular files with short relative names,
// written and read back, so that a backup opens with `tar -xzf` on any operator's machine.

const BLOCK = 512;

/** One regular file in an archive. */
export interface TarEntry {
  name: string;
  data: Uint8Array;
  mode?: number;
}

/** Thrown when bytes are not a ustar archive this module can read. */
export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum;
}

/** Builds an uncompressed ustar archive of `entries`. */
export function packTar(entries: TarEntry[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.name) > 100 || entry.name.startsWith('/') || entry.name.includes('..')) {
      throw new TarFormatError(`cannot store ${entry.name} in a backup`);
    }
    const header = Buffer.alloc(BLOCK);
    writeString(header, 0, 100, entry.name);
    writeOctal(header, 100, 8, entry.mode ?? 0o600);
    writeOctal(header, 108, 8, 0);
    writeOctal(header, 116, 8, 0);
    writeOctal(header, 124, 12, entry.data.byteLength);
    writeOctal(header, 136, 12, Math.floor(mtime.getTime() / 1000));
    header[156] = 0x30; // '0': a regular file
    writeString(header, 257, 6, 'ustar\0');
    writeString(header, 263, 2, '00');
    writeString(header, 148, 8, `${checksum(header).toString(8).padStart(6, '0')}\0 `);
    parts.push(header, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
    const padding = (BLOCK - (entry.data.byteLength % BLOCK)) % BLOCK;
    if (padding) parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('a header field is not an octal number');
  return parseInt(text, 8);
}

/** Reads the regular files of a ustar archive; throws `TarFormatError` on anything else. */
export function unpackTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    if (readString(header, 257, 6) !== 'ustar') throw new TarFormatError('not a ustar archive');
    if (readOctal(header, 148, 8) !== checksum(header)) throw new TarFormatError('a header is damaged');
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new TarFormatError('the archive is cut short');
    if (type === '0' || type === '\0') {
      const prefix = readString(header, 345, 155);
      const name = prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100);
      entries.push({ name, data: archive.subarray(start, start + size), mode: readOctal(header, 100, 8) });
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarFormatError('the archive is cut short');
}
