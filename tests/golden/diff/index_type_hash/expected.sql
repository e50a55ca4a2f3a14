-- DropIndex
DROP INDEX "Item_a_idx";

-- CreateIndex
CREATE INDEX "Item_a_idx" ON "Item" USING HASH ("a");
