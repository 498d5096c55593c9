ALTER TABLE articles ADD COLUMN search_title text NOT NULL DEFAULT ' ';
