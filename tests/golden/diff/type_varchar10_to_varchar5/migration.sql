/*
  Warnings:

  - You are about to alter the column `code` on the `Item` table. The data in that column could be lost. The data in that column will be cast from `VarChar(10)` to `VarChar(5)`.

*/
-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "code" SET DATA TYPE VARCHAR(5);
