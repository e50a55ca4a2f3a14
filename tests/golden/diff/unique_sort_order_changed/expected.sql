-- DropIndex
DROP INDEX "Item_a_key";

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_key" ON "Item"("a");
