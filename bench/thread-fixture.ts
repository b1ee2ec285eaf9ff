// A thread of 100 posts (one opening post and 99 replies, Markdown paragraphs, lists, quotes and links)
// by the demo members, who have profiles: what bench/pages.ts serves. Written through the forum's
// services, as the seed writes, without posting limits.
import type { RunningAgora } from '@server/server';
import { createLogger } from '@server/logger';
import { createEventPipeline } from '@server/events';
import { createForum } from '@server/forum/forum';
import { createMemberService } from '@server/members/member.service';
import { createDirectoryService } from '@server/directory/directory.service';
import type { MemberRow } from '@server/members/member.queries';
import { DEMO_MEMBERS } from '@server/seed/demo-data';

export const POSTS = 100;

/** A paragraph-rich Markdown body, varied by `n` (deterministic: every run renders the same thread). */
function markdownBody(n: number): string {
  const sentences = [
    'El portal de datos abiertos publica cada trimestre los contratos adjudicados por el ministerio.',
    'En nuestra experiencia, la mesa de co-creación funcionó mejor cuando la sociedad civil fijó la agenda.',
    'La ley de acceso a la información establece un plazo de veinte días hábiles para responder.',
    'Los municipios pequeños no tienen personal dedicado, así que el compromiso debe ser realista.',
    'Compartimos la metodología de evaluación que usamos en el tercer plan de acción nacional.',
    'El presupuesto participativo llegó a 40 barrios y la participación se duplicó respecto del año anterior.',
    'Conviene publicar los datos en formatos abiertos y con un diccionario de datos que explique cada campo.',
    'La contraloría aceptó revisar los indicadores si el mecanismo independiente de revisión los valida.',
  ];
  const pick = (i: number) => sentences[(n * 7 + i * 3) % sentences.length] ?? '';
  const paragraph = (i: number) => `${pick(i)} ${pick(i + 1)} ${pick(i + 2)}`;
  const parts = [
    paragraph(0),
    `**${pick(3)}** Ver [el informe](https://example.org/informes/${n}).`,
    paragraph(4),
  ];
  if (n % 3 === 0) parts.push(`- ${pick(5)}\n- ${pick(6)}\n- \`datos.gob\`: ${pick(7)}`);
  if (n % 4 === 1) parts.push(`> ${pick(8)}`);
  if (n % 5 === 2) parts.push(paragraph(9));
  return parts.join('\n\n');
}

/** Writes a thread of `POSTS` posts (one opening post and its replies) by the demo members, through the services. */
export async function seedThread(app: RunningAgora): Promise<string> {
  const logger = createLogger('silent');
  const members = createMemberService(app.db);
  const forum = createForum(
    // Written before any page is served: no listener (page cache, sockets, mail) needs to hear of it.
    createEventPipeline(logger).bind(app.db),
    members,
    createDirectoryService(app.db),
    logger,
    { postLimits: { intervalSeconds: 0, newMemberIntervalSeconds: 0 } },
  );
  const authors: MemberRow[] = [];
  for (const demo of DEMO_MEMBERS) {
    const row = await members.findByEmail(demo.email);
    if (row?.role === 'member') authors.push(row);
  }
  const [opener] = authors;
  const [category] = await forum.categories.list('es');
  if (!opener || !category) throw new Error('the demo seed is missing');
  const { thread } = await forum.threads.create(
    opener,
    {
      categoryId: category.id,
      title: '¿Cómo medir el avance de los compromisos de gobierno abierto en los municipios?',
      body: markdownBody(0),
      kind: 'discussion',
      tags: ['municipios', 'indicadores'],
      lang: 'es',
    },
    { rateLimit: false },
  );
  const replies: string[] = [];
  for (let n = 1; n < POSTS; n += 1) {
    const author = authors[n % authors.length] ?? opener;
    const parentId = n % 6 === 0 ? replies[n - 3] : undefined;
    const { post } = await forum.posts.reply(
      author,
      thread.id,
      { body: markdownBody(n), parentId },
      { rateLimit: false },
    );
    replies.push(post.id);
  }
  return thread.id;
}
