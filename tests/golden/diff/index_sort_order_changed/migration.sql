-- DropIndex
DROP INDEX "Item_a_b_idx";

-- CreateIndex
CREATE INDEX "Item_a_b_idx" ON "Item"("a", "b" DESC);
