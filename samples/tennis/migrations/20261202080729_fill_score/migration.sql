-- Data migration (hand-written): the live score moves from four per-player columns
-- into one JSON value, {"points": [p1, p2], "games": [p1, p2]}: points in the
-- current game, games in the current set. The next migrations make "score"
-- required and drop the old columns.
UPDATE "Match"
SET "score" = jsonb_build_object(
    'points', jsonb_build_array("player1Points", "player2Points"),
    'games', jsonb_build_array("player1Games", "player2Games")
)
WHERE "score" IS NULL;
