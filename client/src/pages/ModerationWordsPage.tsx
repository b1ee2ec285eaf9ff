import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '@shared/constants';
import { MODERATION_LIMITS, WATCHED_WORD_ACTIONS, type WatchedWordAction } from '@shared/moderation';
import { isGlobalModerator } from '@shared/forum-policy';
import { ModerationNav } from '@client/features/moderation/ModerationNav';
import { PATHS } from '@shared/routes';
import { ApiError } from '@client/api/errors';
import { addWatchedWord, deleteWatchedWord, fetchWatchedWords } from '@client/api/safeguards';
import { usePageTitle } from '@client/components/usePageTitle';
import { FormAlert } from '@client/components/FormAlert';
import { useSession } from '@client/features/session/useSession';
import { queryKeys } from '@client/api/queryKeys';
import { actorOf } from '@client/features/session/actorOf';

/** Where the moderation dashboard lives; this page links back to it. */

/** The watched words of one language at a time: the table, the add form, deletion with confirmation. */
export function ModerationWordsPage() {
  const { t, i18n } = useTranslation('safeguards');
  const session = useSession();
  const client = useQueryClient();
  const user = session.user;
  const allowed = isGlobalModerator(actorOf(user));
  const [lang, setLang] = useState<Locale>(session.locale);
  const [word, setWord] = useState('');
  const [action, setAction] = useState<WatchedWordAction>('require_approval');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [wordError, setWordError] = useState<string | undefined>();
  const query = useQuery({
    queryKey: queryKeys.moderation.watchedWords(lang),
    queryFn: () => fetchWatchedWords(lang),
    enabled: allowed,
  });
  usePageTitle(t('words.title'));
  if (!user) return <Navigate to={PATHS.signIn} replace />;

  const languageName = (code: Locale) => t(`common:endonym.${code}`);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.moderation.watchedWordLists });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setWordError(undefined);
    addWatchedWord({ lang, word, action }).then(
      async (res) => {
        setWord('');
        setStatus(t('words.added', { word: res.word.word }));
        await refresh();
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.fields.word) setWordError(e.fields.word.message);
        setError(e instanceof ApiError ? e.message : t('common:status.unexpected'));
      },
    );
  };

  const remove = (id: string, text: string) => {
    if (!window.confirm(t('words.confirmDelete', { word: text }))) return;
    setError(null);
    deleteWatchedWord(id).then(
      async () => {
        setStatus(t('words.deleted', { word: text }));
        await refresh();
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : t('common:status.unexpected')),
    );
  };

  const items = query.data?.items ?? [];
  return (
    <div className="moderation-page">
      <h1>{t('words.title')}</h1>
      <ModerationNav />
      {!allowed ? (
        <p className="lead">{t('forbidden')}</p>
      ) : (
        <>
          <p className="lead">{t('words.intro')}</p>
          <div className="field field--inline">
            <label htmlFor="words-lang">{t('words.language')}</label>
            <select id="words-lang" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          </div>
          <form className="form words-form" noValidate onSubmit={onSubmit}>
            <FormAlert message={error} />
            <div className={wordError ? 'field field--invalid' : 'field'}>
              <label htmlFor="words-word">{t('words.word')}</label>
              {wordError && (
                <p className="field__error" id="words-word-error">
                  {wordError}
                </p>
              )}
              <input
                id="words-word"
                value={word}
                required
                maxLength={MODERATION_LIMITS.watchedWordMax}
                lang={lang}
                aria-invalid={wordError ? true : undefined}
                aria-describedby={wordError ? 'words-word-error' : undefined}
                onChange={(e) => setWord(e.target.value)}
              />
            </div>
            <fieldset className="field">
              <legend>{t('words.action')}</legend>
              {WATCHED_WORD_ACTIONS.map((value) => (
                <label key={value} className="choice">
                  <input
                    type="radio"
                    name="action"
                    value={value}
                    checked={action === value}
                    onChange={() => setAction(value)}
                  />{' '}
                  {t(`words.actions.${value}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button">
              {t('words.add')}
            </button>
          </form>
          <p role="status" className="live-region">
            {status}
          </p>
          {query.isPending ? (
            <p className="loading">{t('common:status.loading')}</p>
          ) : items.length === 0 ? (
            <p className="empty">{t('words.empty')}</p>
          ) : (
            <table className="table">
              <caption>{t('words.caption', { lang: languageName(lang) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('words.word')}</th>
                  <th scope="col">{t('words.action')}</th>
                  <th scope="col">{t('words.added_at')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row" lang={item.lang}>
                      {item.word}
                    </th>
                    <td>{t(`words.actions.${item.action}`)}</td>
                    <td>{date.format(new Date(item.createdAt))}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => remove(item.id, item.word)}
                      >
                        {t('words.delete', { word: item.word })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
