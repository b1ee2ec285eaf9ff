import type { Translator } from '@server/i18n/i18n';
import { LOCALES, type Locale } from '@shared/constants';
import type { MailKind } from '@shared/api/notifications';

/** The templates the outbox knows. */
export type MailTemplate =
  | 'verify'
  | 'reset'
  | 'email_change'
  | 'email_changed_notice'
  | 'notification'
  | 'digest'
  | 'membership_declined';

/** A template's data: who it greets, the link it leads to, and values for its sentences. */
export interface MailData {
  name: string;
  /** Path (from the site root) the main button leads to; absent for notices without action. */
  link?: string;
  params?: Record<string, string | number>;
  /** Digest sections, rendered in order under their headings. */
  sections?: MailSection[];
}

/** A digest section: a heading (`mail:digest.sections.<key>`) and its lines. */
export interface MailSection {
  key: 'notifications' | 'activity' | 'questions';
  items: MailItem[];
}

/** One line of a digest: a thread's title linking to it, and a detail (`mail:digest.details.<key>`). */
export interface MailItem {
  title: string;
  /** Path from the site root. */
  link: string;
  detail: { key: string; params?: Record<string, string | number> };
}

/** The parts of a rendered e-mail. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The translation prefix of a template (notifications by kind, digests by frequency). */
function prefixOf(template: MailTemplate, kind: MailKind | null, data: MailData): string {
  if (template === 'notification') return `mail:notify.${kind ?? 'mention'}`;
  if (template === 'digest') return `mail:digest.${data.params?.frequency === 'weekly' ? 'weekly' : 'daily'}`;
  return `mail:${template}`;
}

/**
 * Renders an e-mail in the recipient's language: subject, a plain-text part and an HTML part with the
 * same sentences, the link to the exact post or conversation, and the unsubscribe link when there is one.
 */
export function renderMail(
  translator: Translator,
  baseUrl: string,
  input: {
    template: MailTemplate;
    locale: string;
    kind: MailKind | null;
    data: MailData;
    unsubscribeUrl: string | null;
  },
): RenderedMail {
  const locale: Locale = (LOCALES as readonly string[]).includes(input.locale)
    ? (input.locale as Locale)
    : 'es';
  const t = (key: string, params: Record<string, unknown> = {}) =>
    translator.t(locale, key, { ...input.data.params, ...params });
  const prefix = prefixOf(input.template, input.kind, input.data);
  const url = input.data.link ? new URL(input.data.link, `${baseUrl}/`).toString() : null;
  const subject = t(`${prefix}.subject`);
  const greeting = t('mail:greeting', { name: input.data.name });
  const body = t(`${prefix}.body`);
  const action = url ? t(`${prefix}.action`) : null;
  const sections = (input.data.sections ?? []).map((section) => ({
    heading: t(`mail:digest.sections.${section.key}`),
    items: section.items.map((item) => ({
      title: item.title,
      detail: t(`mail:digest.details.${item.detail.key}`, item.detail.params),
      url: new URL(item.link, `${baseUrl}/`).toString(),
    })),
  }));
  const footer = t('mail:footer');
  const unsubscribe =
    input.unsubscribeUrl && input.kind
      ? t('mail:unsubscribe', { kind: t(`mail:kinds.${input.kind}`) })
      : null;

  const text = [
    greeting,
    '',
    body,
    ...sections.flatMap((section) => [
      '',
      section.heading,
      ...section.items.map((item) => `- ${item.title} (${item.detail}): ${item.url}`),
    ]),
    ...(url && action ? ['', `${action}: ${url}`] : []),
    '',
    '-- ',
    footer,
    ...(unsubscribe ? [`${unsubscribe}: ${input.unsubscribeUrl}`] : []),
    '',
  ].join('\n');

  const list = sections
    .map(
      (section) =>
        `\n<h2 style="font-size:1.05rem;margin:1.25rem 0 .25rem">${escapeHtml(section.heading)}</h2><ul>${section.items
          .map(
            (item) =>
              `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a> — ${escapeHtml(item.detail)}</li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${locale === 'pt' ? 'pt-BR' : locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(body)}</p>${list}
${url && action ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:.6rem 1rem;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(action)}</a></p>` : ''}
<hr><p style="font-size:.875rem;color:#555">${escapeHtml(footer)}${
    unsubscribe && input.unsubscribeUrl
      ? `<br><a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(unsubscribe)}</a>`
      : ''
  }</p>
</body></html>`;
  return { subject, text, html };
}
