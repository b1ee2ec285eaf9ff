import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SEARCH_TYPES, type SearchThreadHit } from '@shared/api/search';
import { PATHS, threadPath } from '@shared/routes';
import { pagedOptionsOf } from '@client/api/contractQuery';
import { searchQuery } from '@client/api/publicQueries';
import { ApiError } from '@client/api/errors';
import { usePageTitle } from '@client/components/usePageTitle';
import { MemberCard } from '@client/features/directory/MemberCard';
import { LangBadge } from '@client/features/search/LangBadge';
import { SearchFilters } from '@client/features/search/SearchFilters';
import { MoreLink } from '@client/features/forum/MoreLink';
import { useDateFormat } from '@client/components/useDateFormat';

/** The results page's address with one parameter set. */
function withParam(params: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(params);
  next.set(name, value);
  return `?${next.toString()}`;
}

const htmlLang = (lang: string) => (lang === 'other' ? undefined : lang);

/** One thread among the results, with its matching posts; highlights come escaped from the server. */
function ThreadHit({ hit }: { hit: SearchThreadHit }) {
  const { t, i18n } = useTranslation('search');
  const date = useDateFormat({ dateStyle: 'medium' });
  return (
    <li className="search-hit">
      <article lang={htmlLang(hit.lang)} aria-labelledby={`hit-${hit.id}`}>
        <h2 id={`hit-${hit.id}`} className="search-hit__title">
          <Link to={threadPath(hit.id)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        </h2>
        <p className="search-hit__meta" lang={i18n.language}>
          <LangBadge lang={hit.lang} /> {t(`kind.${hit.kind}`)}{' '}
          {hit.answered && <strong className="badge badge--answered">{t('result.answered')}</strong>} ·{' '}
          {t('result.replies', { count: hit.replyCount })} ·{' '}
          <time dateTime={hit.createdAt}>{date(hit.createdAt)}</time>
        </p>
        <ul className="search-hit__posts">
          {hit.posts.map((post) => (
            <li key={post.id} lang={htmlLang(post.lang)}>
              <Link to={`${threadPath(hit.id)}#post-${post.id}`} className="search-hit__post-link">
                <span lang={i18n.language}>
                  {post.seq === 1
                    ? t('result.openingPost')
                    : t('result.reply', { name: post.author.displayName })}
                </span>
              </Link>{' '}
              {post.lang !== hit.lang && <LangBadge lang={post.lang} />}
              <p className="search-hit__snippet" dangerouslySetInnerHTML={{ __html: post.snippetHtml }} />
            </li>
          ))}
        </ul>
      </article>
    </li>
  );
}

/** Search results for threads, posts or members; the query and every filter live in the URL. */
export function SearchPage() {
  const { t } = useTranslation('search');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? 'threads';
  usePageTitle(q ? t('page.titleFor', { q }) : t('page.title'));
  const [text, setText] = useState(q);

  const query = useInfiniteQuery({
    ...pagedOptionsOf(searchQuery(params)),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const threads = query.data?.pages.flatMap((page) => page.threads) ?? [];
  const members = query.data?.pages.flatMap((page) => page.members) ?? [];
  const count = type === 'members' ? members.length : threads.length;
  const next = query.data?.pages.at(-1)?.nextCursor;

  const change = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('cursor');
    setParams(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    change('q', text.trim());
  };

  return (
    <div className="search-page">
      <h1>{t('page.title')}</h1>
      {/* A real GET form: it searches without JavaScript too (and before the app has started). */}
      <form role="search" className="directory__search" onSubmit={onSearch} action={PATHS.search}>
        <label htmlFor="search-q">{t('page.label')}</label>
        <div className="directory__search-row">
          <input
            id="search-q"
            name="q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button">
            {t('box.submit')}
          </button>
        </div>
        <p className="field__hint">{t('page.syntax')}</p>
      </form>
      <nav className="search-types" aria-label={t('types.label')}>
        <ul>
          {SEARCH_TYPES.map((value) => (
            <li key={value}>
              <Link to={withParam(params, 'type', value)} aria-current={type === value ? 'page' : undefined}>
                {t(`types.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="search-page__layout">
        {type !== 'members' && <SearchFilters params={params} onChange={change} />}
        <section className="search-page__results" aria-labelledby="search-results-heading">
          <h2 id="search-results-heading" className="visually-hidden">
            {t('result.heading')}
          </h2>
          <p role="status">
            {!q
              ? t('result.empty')
              : query.isPending
                ? t('result.loading')
                : query.error instanceof ApiError
                  ? query.error.message
                  : t('result.count', { count })}
          </p>
          {type === 'members' ? (
            <ul className="member-list">
              {members.map((member) => (
                <li key={member.id}>
                  <MemberCard member={member} />
                </li>
              ))}
            </ul>
          ) : (
            <ol className="search-hits">
              {threads.map((hit) => (
                <ThreadHit key={hit.id} hit={hit} />
              ))}
            </ol>
          )}
          {query.hasNextPage && next && (
            <MoreLink
              to={withParam(params, 'cursor', next)}
              loading={query.isFetchingNextPage}
              onMore={() => void query.fetchNextPage()}
            >
              {t('result.more')}
            </MoreLink>
          )}
        </section>
      </div>
    </div>
  );
}
