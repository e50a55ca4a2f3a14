/*
  Warnings:

  - A unique constraint covering the columns `[email]` on the table `Item` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Item_email_key" ON "Item"("email");
