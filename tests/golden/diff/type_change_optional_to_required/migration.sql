/*
  Warnings:

  - Made the column `qty` on table `Item` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "qty" SET NOT NULL,
ALTER COLUMN "qty" SET DATA TYPE BIGINT;
