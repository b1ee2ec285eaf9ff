import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DELIVERY_MODES,
  DIGEST_FREQUENCIES,
  NOTIFICATION_KINDS,
  type DeliveryMode,
  type DigestFrequency,
  type NotificationDto,
  type NotificationKind,
} from '@shared/api/notifications';
import {
  fetchNotifications,
  fetchPreferences,
  markAllNotificationsRead,
  markNotificationRead,
  savePreferences,
} from '@client/api/notifications';
import { SubmitButton } from '@client/components/SubmitButton';
import { usePageTitle } from '@client/components/usePageTitle';
import { queryKeys } from '@client/api/queryKeys';

function Item({ item, onOpen }: { item: NotificationDto; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('notifications');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(item.updatedAt),
  );
  const text = t(`kinds.${item.kind}`, {
    actor: item.actor?.displayName ?? '',
    title: item.title || (item.actor?.displayName ?? ''),
    count: item.count,
  });
  return (
    <li className={item.readAt ? 'notification' : 'notification notification--unread'}>
      <Link to={item.link} onClick={() => onOpen(item.id)}>
        {!item.readAt && <span className="visually-hidden">{t('unreadItem')} </span>}
        {text}
      </Link>{' '}
      <time dateTime={item.updatedAt}>{when}</time>
    </li>
  );
}

const DIGEST_LABEL_KEYS: Record<DigestFrequency, string> = {
  daily: 'preferences.daily',
  weekly: 'preferences.weekly',
  off: 'preferences.digestOff',
};

/** The IANA time zones this browser knows, with the saved one kept even if it does not. */
function timeZoneChoices(saved: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(saved) ? known : [saved, ...known];
}

function Preferences() {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: queryKeys.notifications.preferences, queryFn: fetchPreferences });
  const [draft, setDraft] = useState<Partial<Record<NotificationKind, DeliveryMode>>>({});
  const [digest, setDigest] = useState<DigestFrequency | undefined>();
  const [timeZone, setTimeZone] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: () =>
      savePreferences({ kinds: draft, ...(digest && { digest }), ...(timeZone && { timeZone }) }),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.notifications.preferences, data),
  });
  if (!prefs.data) return null;
  const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = timeZone ?? prefs.data.timeZone;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <section aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('preferences.title')}</h2>
      <form className="form" onSubmit={onSubmit}>
        {NOTIFICATION_KINDS.map((kind) => (
          <div className="field" key={kind}>
            <label htmlFor={`pref-${kind}`}>{t(`preferences.kinds.${kind}`)}</label>
            <select
              id={`pref-${kind}`}
              value={draft[kind] ?? prefs.data.kinds[kind]}
              onChange={(event) => setDraft({ ...draft, [kind]: event.target.value as DeliveryMode })}
            >
              {DELIVERY_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`preferences.modes.${mode}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="field">
          <label htmlFor="pref-digest">{t('preferences.digest')}</label>
          <select
            id="pref-digest"
            value={digest ?? prefs.data.digest}
            onChange={(event) => setDigest(event.target.value as DigestFrequency)}
          >
            {DIGEST_FREQUENCIES.map((frequency) => (
              <option key={frequency} value={frequency}>
                {t(DIGEST_LABEL_KEYS[frequency])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pref-time-zone">{t('preferences.timeZone')}</label>
          <p className="field__hint" id="pref-time-zone-hint">
            {t('preferences.timeZoneHint')}
          </p>
          <select
            id="pref-time-zone"
            aria-describedby="pref-time-zone-hint"
            value={zone}
            onChange={(event) => setTimeZone(event.target.value)}
          >
            {timeZoneChoices(zone).map((name) => (
              <option key={name} value={name}>
                {name.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {deviceZone && deviceZone !== zone && (
            <button
              type="button"
              className="button button--secondary button--small field__action"
              onClick={() => setTimeZone(deviceZone)}
            >
              {t('preferences.useBrowserZone', { zone: deviceZone.replace(/_/g, ' ') })}
            </button>
          )}
        </div>
        <SubmitButton pending={save.isPending} pendingLabel={t('preferences.saving')}>
          {t('preferences.save')}
        </SubmitButton>
        <p role="status">{save.isSuccess ? t('preferences.saved') : ''}</p>
      </form>
    </section>
  );
}

/** The member's notifications, newest activity first, and their preferences per kind. */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  usePageTitle(t('title'));
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: queryKeys.notifications.list,
    queryFn: ({ pageParam }) => fetchNotifications(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = ({ unread }: { unread: number }) => {
    queryClient.setQueryData(queryKeys.notifications.unread, { unread });
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.list });
  };
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="form-page">
      <h1>{t('title')}</h1>
      <button type="button" className="button button--secondary" onClick={() => readAll.mutate()}>
        {t('markAll')}
      </button>
      {list.isSuccess && items.length === 0 && <p>{t('empty')}</p>}
      <ul className="notification-list">
        {items.map((item) => (
          <Item key={item.id} item={item} onOpen={(id) => void markNotificationRead(id).then(refresh)} />
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => void list.fetchNextPage()}>
          {t('more')}
        </button>
      )}
      <Preferences />
    </div>
  );
}
