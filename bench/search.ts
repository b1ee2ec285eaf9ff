/**
 * Search timings over generated posts: `DATABASE_URL=… npx tsx bench/search.ts [posts]`. Fills a
 * scratch database (a quarter of the posts say "gobierno", five say "zanahorias") and prints the
 * median of 15 runs of the ranked query, bounded (the product) and unbounded (for comparison).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { startTestApp } from '../test/helpers/app';
import { rankedPostsQuery } from '../server/search/search.queries';
import { SEARCH_LIMITS } from '../shared/api/search';

const POSTS = Number(process.argv[2] ?? 200_000);
const THREADS = 200;
const app = await startTestApp();
const q = (text: string) => app.pool.query(text);
try {
  await q(`insert into members (email, handle, display_name, password_hash, status)
           values ('bench@agora.example', 'bench_author', 'Bench', 'x', 'active')`);
  await q(`insert into categories (slug) values ('bench')`);
  await q(`insert into threads (category_id, author_id, kind, title, lang, created_at, post_count)
           select c.id, m.id, 'discussion', 'Hilo ' || s, 'es', now() - interval '1 year', ${POSTS / THREADS}
           from generate_series(1, ${THREADS}) s, categories c, members m`);
  await q(`insert into posts (thread_id, author_id, seq, path, body_source, body_html, created_at)
           select t.id, t.author_id, 1, array[1], 'Presentación ' || t.title, '<p>x</p>', t.created_at from threads t`);
  const started = performance.now();
  await q(`insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html, created_at)
           select t.id, t.author_id, r.id, g.s, array[1, g.s],
                  case when g.s % 4 = 0 then 'El gobierno abierto del municipio ' || g.s
                       when g.s = 7 and t.title like '% 1_' then 'Cinco zanahorias en la huerta'
                       else 'Mensaje de relleno número ' || g.s end,
                  '<p>x</p>', now() - (g.s * ${THREADS} + row_number() over ()) * interval '1 second'
           from threads t join posts r on r.thread_id = t.id and r.seq = 1
           cross join generate_series(2, ${POSTS / THREADS}) as g(s)`);
  const fill = performance.now() - started;
  await q('analyze');

  async function median(term: string, candidates: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const t0 = performance.now();
      await app.db.execute(sql`${rankedPostsQuery({ q: term, access: ['public', 'members'], candidates })}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[7] ?? NaN;
  }
  const rows: string[] = [`posts: ${POSTS}, insert with index triggers: ${(fill / 1000).toFixed(1)} s`];
  for (const term of ['zanahorias', 'gobierno', 'gobierno municipio', '"gobierno abierto"']) {
    const bounded = await median(term, SEARCH_LIMITS.candidates);
    const unbounded = await median(term, 1_000_000_000);
    rows.push(`${term}: bounded ${bounded.toFixed(1)} ms, every match ${unbounded.toFixed(1)} ms`);
  }
  console.log(rows.join('\n'));
} finally {
  await app.dispose();
}
