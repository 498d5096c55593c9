-- The planner takes a function it knows nothing of as cheap. Priced so, a
-- search's step could be planned as a walk over every title (the newest
-- first, `articles_recent` holds the title's words) folding each title's
-- words on the way: 4.3 s at 100,000 articles, against 0.2 s through the
-- word index for the same words. Folding a field's words is the dearest
-- thing a search can do per row; this says so.
ALTER FUNCTION bantin_words(text, boolean) COST 10000;
