import { Router } from 'express';
import { notFound } from '@server/errors';
import type { AvatarStorage } from './avatar.storage';

/**
 * Stored avatars. Names are random and content never changes under a name, so they are cached for a
 * year; the bytes were produced by our own encoder, and `nosniff` keeps browsers from guessing.
 */
export function mediaRoutes(avatars: AvatarStorage): Router {
  const router = Router();
  router.get('/media/avatars/:file', (req, res, next) => {
    const match = /^([a-f0-9]{32})\.webp$/.exec(req.params.file);
    if (!match?.[1]) return next(notFound());
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('image/webp').sendFile(avatars.fileFor(match[1]), (error) => {
      if (error && !res.headersSent) next(notFound());
    });
  });
  return router;
}
