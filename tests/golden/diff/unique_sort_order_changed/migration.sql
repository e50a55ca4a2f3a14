/*
  Warnings:

  - A unique constraint covering the columns `[a]` on the table `Item` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Item_a_key";

-- CreateIndex
CREATE UNIQUE INDEX "Item_a_key" ON "Item"("a");
