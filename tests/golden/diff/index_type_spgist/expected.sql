-- CreateIndex
CREATE INDEX "Item_s_idx" ON "Item" USING SPGIST ("s");
