ALTER TABLE "posts" ADD COLUMN "lang" text;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "posts_created_idx" ON "posts" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "posts_search_idx" ON "posts" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_lang_valid" CHECK ("posts"."lang" in ('es', 'pt', 'en', 'fr', 'other'));--> statement-breakpoint
-- Added by hand (drizzle-kit cannot express these). Full-text search in the language of each post:
-- one text search configuration per language, each removing accents before stemming (the unaccent
-- dictionary of migration 0003), so "informacion" and "información" index and query alike and
-- ts_headline still shows the accented original.
CREATE TEXT SEARCH CONFIGURATION public.agora_es (COPY = pg_catalog.spanish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.agora_es ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, spanish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.agora_pt (COPY = pg_catalog.portuguese);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.agora_pt ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, portuguese_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.agora_en (COPY = pg_catalog.english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.agora_en ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.agora_fr (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.agora_fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.agora_simple (COPY = pg_catalog.simple);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.agora_simple ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple;--> statement-breakpoint
-- The configuration of a content language ('other' is indexed without stemming).
CREATE FUNCTION public.search_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'es' THEN 'public.agora_es'::regconfig
    WHEN 'pt' THEN 'public.agora_pt'::regconfig
    WHEN 'en' THEN 'public.agora_en'::regconfig
    WHEN 'fr' THEN 'public.agora_fr'::regconfig
    ELSE 'public.agora_simple'::regconfig
  END
$$;--> statement-breakpoint
-- A post's search document, computed in the writing transaction: body (C) in the post's language; the
-- opening post also carries the thread's title (A) and tags (B). A post without a language takes the
-- thread's.
CREATE FUNCTION public.posts_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  thread record;
  cfg regconfig;
BEGIN
  SELECT t.title, t.lang,
         (SELECT string_agg(replace(tt.tag, '-', ' '), ' ') FROM public.thread_tags tt WHERE tt.thread_id = t.id) AS tags
    INTO thread FROM public.threads t WHERE t.id = NEW.thread_id;
  IF NEW.lang IS NULL THEN
    NEW.lang := thread.lang;
  END IF;
  cfg := public.search_config(NEW.lang);
  NEW.search_vector := setweight(to_tsvector(cfg, NEW.body_source), 'C');
  IF NEW.seq = 1 THEN
    NEW.search_vector := setweight(to_tsvector(cfg, thread.title), 'A')
      || setweight(to_tsvector(cfg, coalesce(thread.tags, '')), 'B')
      || NEW.search_vector;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER posts_search_document BEFORE INSERT OR UPDATE OF body_source, lang ON public.posts
  FOR EACH ROW EXECUTE FUNCTION public.posts_search_document();--> statement-breakpoint
-- A new title or language of a thread re-indexes its opening post (the opening post shares the thread's language).
CREATE FUNCTION public.threads_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.posts SET lang = NEW.lang WHERE thread_id = NEW.id AND seq = 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER threads_search_document AFTER UPDATE OF title, lang ON public.threads
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.lang IS DISTINCT FROM NEW.lang)
  EXECUTE FUNCTION public.threads_search_document();--> statement-breakpoint
-- Tags added or removed re-index the opening post.
CREATE FUNCTION public.thread_tags_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.posts SET lang = lang
    WHERE thread_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.thread_id ELSE NEW.thread_id END) AND seq = 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER thread_tags_search_document AFTER INSERT OR DELETE ON public.thread_tags
  FOR EACH ROW EXECUTE FUNCTION public.thread_tags_search_document();--> statement-breakpoint
-- Existing posts: the language of their thread, and their search document.
UPDATE public.posts SET lang = NULL;
