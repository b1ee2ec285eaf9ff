import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '@server/errors';
import { LIMITS } from '@shared/constants';

/** The side of the square avatars are stored at (shown at 40–160 CSS px, so 2× for dense screens). */
export const AVATAR_SIZE = 320;

/** Formats accepted for upload, recognised by their leading bytes rather than by name or header. */
type ImageKind = 'png' | 'jpeg' | 'webp';

/** The image format of `data` from its signature, or null. */
export function sniffImage(data: Buffer): ImageKind | null {
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  return null;
}

const invalid = () => new AppError(415, 'avatar_invalid');

/**
 * Avatars on disk under `<DATA_DIR>/avatars`. An upload is checked by content, decoded and re-encoded
 * (which drops metadata such as GPS positions and anything smuggled after the image), cropped to a square
 * and stored under a random name, so a stored file is always an image this server produced.
 */
export function createAvatarStorage(dataDir: string) {
  const dir = path.resolve(dataDir, 'avatars');

  return {
    /** Where a stored avatar lives. */
    fileFor(key: string): string {
      return path.join(dir, `${key}.webp`);
    },

    /** Validates, re-encodes and stores an upload, returning its key. */
    async store(data: Buffer): Promise<string> {
      if (data.length > LIMITS.avatarBytesMax) throw new AppError(413, 'payload_too_large');
      const kind = sniffImage(data);
      if (!kind) throw invalid();
      let encoded: Buffer;
      try {
        const image = sharp(data, { failOn: 'error', limitInputPixels: 40_000_000 });
        const metadata = await image.metadata();
        if (metadata.format !== kind) throw invalid();
        encoded = await image
          .rotate()
          .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw invalid();
      }
      const key = randomBytes(16).toString('hex');
      await mkdir(dir, { recursive: true });
      const temporary = path.join(dir, `.${key}.tmp`);
      await writeFile(temporary, encoded);
      await rename(temporary, this.fileFor(key));
      return key;
    },

    /** Removes a stored avatar; a missing file is not an error. */
    async remove(key: string | null): Promise<void> {
      if (key && /^[a-f0-9]{32}$/.test(key)) await rm(this.fileFor(key), { force: true });
    },
  };
}

/** The avatar storage. */
export type AvatarStorage = ReturnType<typeof createAvatarStorage>;
