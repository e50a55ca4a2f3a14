-- DropIndex
DROP INDEX "Item_a_b_key";

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_b_c_key" ON "Item"("a", "b", "c");
