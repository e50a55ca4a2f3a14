-- DropIndex
DROP INDEX "ix";

-- CreateIndex
CREATE INDEX "ix" ON "Item"("a", "b");
