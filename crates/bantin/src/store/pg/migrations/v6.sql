DROP INDEX articles_search_all;
DROP INDEX articles_search_head;
CREATE INDEX articles_recent ON articles (updated_at DESC, id DESC)
    INCLUDE (deleted_at, unit, status, search_title);
