import express, { Router, type Request } from 'express';
import {
  directoryQuerySchema,
  unverifyMemberSchema,
  updateProfileSchema,
  verifyMemberSchema,
  type DirectoryResponse,
  type MemberProfileResponse,
  type OwnProfileResponse,
} from '@shared/api/directory';
import { LIMITS } from '@shared/constants';
import { parseInput, shapedParam } from '@server/http/validate';
import { currentMember, requireMember, requireStaff, type SecondFactorCheck } from '@server/http/guards';
import type { DirectoryService } from './directory.service';
import type { ProfileService } from './profile.service';

/** Accepted upload types; the content is checked anyway, this only keeps other bodies unparsed. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'];

// Handles are letters, digits and underscores (any case in a URL); anything else names no member.
const handleParam = (req: Request) => shapedParam(req, 'handle', /^[A-Za-z0-9_]{1,40}$/);

/** The directory, profiles, the member's own profile and avatar, and the verified badge. */
export function profileRoutes(
  directory: DirectoryService,
  profiles: ProfileService,
  twoFactor: SecondFactorCheck,
): Router {
  const router = Router();
  const staff = requireStaff(twoFactor);

  router.get('/members', async (req, res) => {
    const query = parseInput(directoryQuerySchema, req.query);
    const body: DirectoryResponse = await directory.search(req.user, query);
    res.json(body);
  });

  router.get('/members/:handle', async (req, res) => {
    const body: MemberProfileResponse = { profile: await profiles.view(req.user, handleParam(req)) };
    res.json(body);
  });

  router.put('/members/:handle/verification', staff, async (req, res) => {
    const input = parseInput(verifyMemberSchema, req.body);
    const body: MemberProfileResponse = {
      profile: await profiles.verify(currentMember(req), handleParam(req), input),
    };
    res.json(body);
  });

  router.delete('/members/:handle/verification', staff, async (req, res) => {
    const input = parseInput(unverifyMemberSchema, req.body);
    const body: MemberProfileResponse = {
      profile: await profiles.unverify(currentMember(req), handleParam(req), input.reason),
    };
    res.json(body);
  });

  router.get('/me/profile', requireMember(), async (req, res) => {
    const body: OwnProfileResponse = { profile: await profiles.own(currentMember(req)) };
    res.json(body);
  });

  router.patch('/me/profile', requireMember(), async (req, res) => {
    const input = parseInput(updateProfileSchema, req.body);
    const body: OwnProfileResponse = { profile: await profiles.update(currentMember(req), input) };
    res.json(body);
  });

  router.put(
    '/me/avatar',
    requireMember(),
    express.raw({ type: IMAGE_TYPES, limit: LIMITS.avatarBytesMax }),
    async (req, res) => {
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const body: OwnProfileResponse = { profile: await profiles.setAvatar(currentMember(req), data) };
      res.json(body);
    },
  );

  router.delete('/me/avatar', requireMember(), async (req, res) => {
    const body: OwnProfileResponse = { profile: await profiles.removeAvatar(currentMember(req)) };
    res.json(body);
  });

  return router;
}
