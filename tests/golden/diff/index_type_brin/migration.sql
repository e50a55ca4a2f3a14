-- DropIndex
DROP INDEX "Item_at_idx";

-- CreateIndex
CREATE INDEX "Item_at_idx" ON "Item" USING BRIN ("at");
