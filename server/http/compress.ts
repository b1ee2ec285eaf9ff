import { existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';
import type { RequestHandler } from 'express';

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Compresses pages and API answers over the threshold on the fly, with brotli for browsers that take it
 * (at a light quality: it runs per request) and gzip otherwise. A response that is already encoded (a
 * precompressed static file) is left alone.
 */
export function compressResponses(): RequestHandler {
  return compression({
    threshold: COMPRESS_THRESHOLD_BYTES,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

/**
 * Serves the `.br` or `.gz` that the build wrote beside a static file under `dir` to a browser that
 * accepts it (brotli first), with the original's type; anything else falls through to the plain file.
 */
export function precompressed(dir: string, options: { maxAge: string; immutable: boolean }): RequestHandler {
  const root = path.resolve(dir);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, `.${relative}`);
    if (!file.startsWith(`${root}${path.sep}`)) return next();
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    res.vary('Accept-Encoding');
    if (!encoding) return next();
    const encoded = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    if (!existsSync(encoded)) return next();
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', encoding);
    res.sendFile(encoded, { maxAge: options.maxAge, immutable: options.immutable }, (error) => {
      if (error) next(error);
    });
  };
}
