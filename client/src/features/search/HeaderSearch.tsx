import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { memberPath, PATHS, threadPath } from '@shared/routes';
import { suggest } from '@client/api/search';
import { queryKeys } from '@client/api/queryKeys';
import { useDebounced } from './useDebounced';

interface Option {
  id: string;
  href: string;
  label: string;
  group: 'threads' | 'members';
}

/** The header's search box: suggestions while typing (ARIA combobox with a listbox), Enter searches. */
export function HeaderSearch() {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const base = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 250);
  const enabled = q.length >= 2;
  const { data } = useQuery({
    queryKey: queryKeys.search.suggestions(q),
    queryFn: () => suggest(q),
    enabled,
    staleTime: 30_000,
  });

  const options: Option[] =
    enabled && data
      ? [
          ...data.threads.map((thread) => ({
            id: `${base}-t-${thread.id}`,
            href: threadPath(thread.id),
            label: thread.title,
            group: 'threads' as const,
          })),
          ...data.members.map((member) => ({
            id: `${base}-m-${member.handle}`,
            href: memberPath(member.handle),
            label: member.displayName,
            group: 'members' as const,
          })),
        ]
      : [];
  const expanded = open && options.length > 0;
  const listId = `${base}-list`;

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    setText('');
    void navigate(href);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = expanded ? options[active] : undefined;
    if (chosen) return go(chosen.href);
    if (!text.trim()) return;
    go(`${PATHS.search}?${new URLSearchParams({ q: text.trim() }).toString()}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!options.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // Cycles through the options and back to the text box itself (-1).
      const slots = options.length + 1;
      setActive((current) => ((current + 1 + step + slots) % slots) - 1);
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else setText('');
    }
  };

  const renderGroup = (group: Option['group']) => {
    const items = options.filter((option) => option.group === group);
    if (!items.length) return null;
    const labelId = `${base}-${group}`;
    return (
      <li role="group" aria-labelledby={labelId}>
        <span id={labelId} role="presentation" className="header-search__group">
          {t(`suggest.${group}`)}
        </span>
        <ul role="none">
          {items.map((option) => {
            const index = options.indexOf(option);
            return (
              <li
                key={option.id}
                id={option.id}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'header-search__option is-active' : 'header-search__option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => go(option.href)}
              >
                {option.label}
              </li>
            );
          })}
        </ul>
      </li>
    );
  };

  return (
    <form role="search" className="header-search" onSubmit={onSubmit} action={PATHS.search}>
      <label htmlFor={`${base}-q`} className="visually-hidden">
        {t('box.label')}
      </label>
      <input
        id={`${base}-q`}
        name="q"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? options[active]?.id : undefined}
        placeholder={t('box.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <button type="submit" className="button button--small">
        {t('box.submit')}
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label={t('suggest.label')}
        className="header-search__list"
        hidden={!expanded}
      >
        {renderGroup('threads')}
        {renderGroup('members')}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {enabled && data ? t('suggest.count', { count: options.length }) : ''}
      </p>
    </form>
  );
}
