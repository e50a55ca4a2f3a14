/*
  Warnings:

  - A unique constraint covering the columns `[a,c]` on the table `U` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "U_uq";

-- CreateIndex
CREATE UNIQUE INDEX "U_uq2" ON "U"("a", "c");
