import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORUM_LIMITS } from '@shared/api/threads';
import { preview } from '@client/api/forum';
import { ApiError } from '@client/api/errors';

interface ComposerProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoFocus?: boolean;
}

/** A Markdown text area with a preview rendered by the server, exactly as the post will be stored. */
export function Composer({ label, value, onChange, error, autoFocus }: ComposerProps) {
  const { t } = useTranslation('forum');
  const id = useId();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [html, setHtml] = useState<string | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  const showPreview = async () => {
    setMode('preview');
    setHtml(null);
    setPreviewError(null);
    try {
      setHtml((await preview(value)).html);
    } catch (e) {
      setPreviewError(e instanceof ApiError ? e.message : t('composer.previewFailed'));
    }
  };

  return (
    <div className={error ? 'field field--invalid composer' : 'field composer'}>
      <label htmlFor={id}>{label}</label>
      <div className="composer__tabs" role="group" aria-label={t('composer.mode')}>
        <button
          type="button"
          className="button button--small"
          aria-pressed={mode === 'write'}
          onClick={() => setMode('write')}
        >
          {t('composer.write')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={mode === 'preview'}
          onClick={() => void showPreview()}
        >
          {t('composer.preview')}
        </button>
      </div>
      <textarea
        id={id}
        value={value}
        rows={8}
        hidden={mode === 'preview'}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        autoFocus={autoFocus}
      />
      {mode === 'preview' && (
        <div
          className="composer__preview post__body"
          aria-live="polite"
          aria-label={t('composer.previewLabel')}
          role="region"
        >
          {html === null && !previewError && <p className="loading">{t('common:status.loading')}</p>}
          {previewError && <p role="alert">{previewError}</p>}
          {html !== null && <div dangerouslySetInnerHTML={{ __html: html }} />}
        </div>
      )}
      <p id={`${id}-hint`} className="field__hint">
        {t('composer.hint', { count: value.length, max: FORUM_LIMITS.bodyMax })}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
