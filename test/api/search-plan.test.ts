import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { rankedPostsQuery, type PostSearch } from '@server/search/search.queries';
import { SEARCH_LIMITS } from '@shared/api/search';

/** A node of a JSON query plan. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const POSTS = 200_000;
const THREADS = 200;

describe('search query plans over 200 000 posts', function () {
  let app: TestApp;

  const search = (q: string): PostSearch => ({
    q,
    access: ['public', 'members'],
    candidates: SEARCH_LIMITS.candidates,
  });

  async function plan(q: string, analyze: boolean): Promise<PlanNode> {
    const options = analyze ? sql.raw('(analyze, format json)') : sql.raw('(format json)');
    const result = await app.db.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      sql`explain ${options} ${rankedPostsQuery(search(q))}`,
    );
    const row = result.rows[0];
    if (!row) throw new Error('no plan');
    return row['QUERY PLAN'][0].Plan;
  }

  before(async function () {
    this.timeout(600_000);
    app = await startTestApp();
    const q = (text: string) => app.pool.query(text);
    await q(`insert into members (email, handle, display_name, password_hash, status)
             values ('plan@agora.example', 'plan_author', 'Plan Author', 'x', 'active')`);
    await q(`insert into categories (slug) values ('plan-test')`);
    await q(`insert into threads (category_id, author_id, kind, title, lang, created_at, post_count)
             select c.id, m.id, 'discussion', 'Hilo de prueba ' || s, 'es', now() - interval '1 year', ${POSTS / THREADS}
             from generate_series(1, ${THREADS}) s, categories c, members m
             where c.slug = 'plan-test' and m.handle = 'plan_author'`);
    // A quarter of the posts speak of "gobierno"; five of them of "zanahorias".
    await q(`insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html, created_at)
             select t.id, t.author_id, null, 1, array[1],
                    'Presentación ' || t.title, '<p>x</p>', t.created_at
             from threads t`);
    await q(`insert into posts (thread_id, author_id, parent_id, seq, path, body_source, body_html, created_at)
             select t.id, t.author_id, r.id, g.s, array[1, g.s],
                    case when g.s % 4 = 0 then 'El gobierno abierto del municipio ' || g.s
                         when g.s = 7 and t.title like '% 1_' then 'Cinco zanahorias en la huerta'
                         else 'Mensaje de relleno número ' || g.s end,
                    '<p>x</p>', now() - (g.s * ${THREADS} + row_number() over ()) * interval '1 second'
             from threads t
             join posts r on r.thread_id = t.id and r.seq = 1
             cross join generate_series(2, ${POSTS / THREADS}) as g(s)`);
    await q('analyze');
  });

  after(async () => {
    await app?.dispose();
  });

  it('has the posts it claims', async () => {
    const { rows } = await app.pool.query<{ n: number; gobierno: number }>(
      `select count(*)::int as n,
              count(*) filter (where search_vector @@ to_tsquery('public.agora_es', 'gobierno'))::int as gobierno
       from posts`,
    );
    expect(rows[0]?.n).to.be.at.least(POSTS);
    expect(rows[0]?.gobierno).to.be.within(POSTS / 4 - THREADS, POSTS / 4 + THREADS);
  });

  it('finds a selective term through the GIN index', async () => {
    const root = await plan('zanahorias', false);
    const scans = nodes(root).filter((n) => n['Relation Name'] === 'posts' || n['Index Name']);
    expect(scans.map((n) => n['Index Name'])).to.include('posts_search_idx');
  });

  it('neither ranks nor sorts every match of a term in a quarter of the posts', async () => {
    const root = await plan('gobierno', true);
    const all = nodes(root);
    // Every node reading posts stops after the newest candidates: it reads far fewer than the 50 000 matches.
    const postScans = all.filter((n) => n['Relation Name'] === 'posts');
    expect(postScans).to.have.length.greaterThan(0);
    for (const scan of postScans) {
      expect(scan['Actual Rows']! * (scan['Actual Loops'] ?? 1)).to.be.at.most(SEARCH_LIMITS.candidates * 2);
    }
    expect(postScans.map((n) => n['Index Name'])).to.include('posts_created_idx');
    // The only sort is the ranking of the bounded candidates.
    const sorts = all.filter((n) => n['Node Type'] === 'Sort');
    expect(sorts).to.have.length(1);
    expect(sorts[0]?.['Sort Key']?.join(' ')).to.match(/ts_rank/);
    expect(sorts[0]?.['Actual Rows']).to.equal(SEARCH_LIMITS.candidates);
  });
});
