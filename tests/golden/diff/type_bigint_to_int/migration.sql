/*
  Warnings:

  - You are about to alter the column `qty` on the `Item` table. The data in that column could be lost. The data in that column will be cast from `BigInt` to `Integer`.

*/
-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "qty" SET DATA TYPE INTEGER;
