-- DropIndex
DROP INDEX "U_uq";

-- CreateIndex
CREATE UNIQUE INDEX "U_uq2" ON "U"("a", "c");
