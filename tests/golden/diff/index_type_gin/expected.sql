-- DropIndex
DROP INDEX "Item_j_idx";

-- CreateIndex
CREATE INDEX "Item_j_idx" ON "Item" USING GIN ("j");
