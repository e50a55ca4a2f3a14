-- CreateIndex
CREATE INDEX "Item_b_a_idx" ON "Item"("b", "a");
