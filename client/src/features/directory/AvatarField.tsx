import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OwnProfile, OwnProfileResponse } from '@shared/api/directory';
import { removeAvatar, uploadAvatar } from '@client/api/directory';
import { ApiError } from '@client/api/errors';
import { queryKeys } from '@client/api/queryKeys';
import { Avatar } from './Avatar';

/** Uploads or removes the member's photo; the server checks, crops and re-encodes it. */
export function AvatarField({ profile }: { profile: OwnProfile }) {
  const { t } = useTranslation('directory');
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState(profile.avatarUrl);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (result: OwnProfileResponse) => {
    setUrl(result.profile.avatarUrl);
    queryClient.setQueryData(queryKeys.directory.ownProfile, result);
    setMessage({ ok: true, text: t('edit.avatarSaved') });
  };
  const failed = (error: unknown) =>
    setMessage({
      ok: false,
      text: error instanceof ApiError ? error.message : t('common:status.unexpected'),
    });
  const upload = useMutation({ mutationFn: uploadAvatar, onSuccess: done, onError: failed });
  const remove = useMutation({ mutationFn: removeAvatar, onSuccess: done, onError: failed });

  return (
    <div className="avatar-field">
      <Avatar name={profile.displayName} handle={profile.handle} url={url} size="large" />
      <div className="field">
        <label htmlFor="field-avatar">{t('edit.avatarUpload')}</label>
        <p className="field__hint" id="field-avatar-hint">
          {t('edit.avatarHint')}
        </p>
        <input
          ref={input}
          id="field-avatar"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby="field-avatar-hint"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate(file);
          }}
        />
        {url && (
          <button type="button" className="link-button" onClick={() => remove.mutate()}>
            {t('edit.avatarRemove')}
          </button>
        )}
        <p
          role="status"
          className={message ? (message.ok ? 'notice notice--success' : 'field__error') : 'visually-hidden'}
        >
          {message?.text ?? ''}
        </p>
      </div>
    </div>
  );
}
