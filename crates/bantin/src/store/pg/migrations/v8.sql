CREATE INDEX articles_status_updated ON articles (status, updated_at DESC, id DESC);
CREATE INDEX articles_kind_updated ON articles (kind, updated_at DESC, id DESC);
CREATE INDEX articles_category_updated ON articles (category, updated_at DESC, id DESC);
