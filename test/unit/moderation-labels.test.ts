import { expect } from 'chai';
import { LOCALES } from '@shared/constants';
import { MODERATION_ACTIONS } from '@shared/api/moderation';
import {
  FLAG_REASONS,
  NOTICE_KINDS,
  QUEUE_ITEM_KINDS,
  QUEUE_STATUSES,
  QUEUE_TARGETS,
} from '@shared/moderation';
import { text } from '../helpers/copy';

describe('moderation labels', () => {
  for (const locale of LOCALES) {
    it(`${locale} labels every audited action, reason, kind, status, target and notice`, () => {
      const keys = [
        ...MODERATION_ACTIONS.map((a) => `moderation:actions.${a}`),
        ...FLAG_REASONS.map((r) => `moderation:reasons.${r}`),
        ...QUEUE_ITEM_KINDS.map((k) => `moderation:kinds.${k}`),
        ...QUEUE_STATUSES.map((s) => `moderation:statuses.${s}`),
        ...QUEUE_TARGETS.map((t) => `moderation:targets.${t}`),
        ...NOTICE_KINDS.map((k) => `moderation:notices.kinds.${k}`),
        ...NOTICE_KINDS.map((k) => `moderation:noticeTitle.${k}`),
      ];
      const missing = keys.filter((key) => {
        try {
          return text(locale, key).length === 0;
        } catch {
          return true;
        }
      });
      expect(missing).to.deep.equal([]);
    });
  }
});
