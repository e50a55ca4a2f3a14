/*
  Warnings:

  - A unique constraint covering the columns `[a,b,c]` on the table `Item` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Item_a_b_key";

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_b_c_key" ON "Item"("a", "b", "c");
