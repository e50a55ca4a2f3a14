-- CreateIndex
CREATE UNIQUE INDEX "Item_email_key" ON "Item"("email");
